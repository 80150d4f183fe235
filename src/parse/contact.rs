//! Contact details are removed from every line before anything else looks at it, so no later
//! stage can match, score or print them. Resumes are personal data: the report shows
//! `[email]`, `[phone]`, `[link]` or `[address]` where they stood.

use std::sync::LazyLock;

use regex::Regex;

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").expect("email pattern"));

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:https?://|www\.)\S+|(?-u:\b)(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)/\S*",
    )
    .expect("link pattern")
});

// A phone number: an international prefix, or a parenthesised area code, or the common
// 3-3-4 grouping. Plain year ranges ("2016-2020", "03/2018 - 06/2021") must not match.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:\+\d{1,3}[\s.\-]?)?\(\d{2,4}\)[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}
        | \+\d{1,3}[\s.\-]?\d{1,4}(?:[\s.\-]?\d{2,4}){2,4}
        | (?-u:\b)\d{3}[.\-\s]\d{3}[.\-\s]\d{4}(?-u:\b)",
    )
    .expect("phone pattern")
});

// A street address: a house number, one to four words, and a street-type word.
/// The street-type words alone: a fast test before the full street pattern.
static STREET_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|square|sq|parkway|pkwy|highway|hwy|circle|cir|strasse|straße|rue)(?-u:\b)")
        .expect("street word pattern")
});

static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)\d{1,6}[A-Za-z]?\s+(?:[A-Za-zÀ-ÿ'.]+\s+){1,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|square|sq|parkway|pkwy|highway|hwy|circle|cir|strasse|straße|rue)(?-u:\b)\.?(?:,?\s*(?:apt|suite|unit|#)\s*[\w\-]+)?",
    )
    .expect("street pattern")
});

pub fn redact(line: &str) -> String {
    if !line.bytes().any(|b| b.is_ascii_digit() || b == b'@' || b == b'.' || b == b'/') {
        return line.to_string();
    }
    let mut out = std::borrow::Cow::Borrowed(line);
    if line.contains('@') {
        out = std::borrow::Cow::Owned(EMAIL.replace_all(&out, "[email]").into_owned());
    }
    if line.contains('/') || line.contains("www.") {
        // A profile link says which site it is on ("github.com/jroe" shows a GitHub account);
        // the site's name is kept, the account is not.
        out = std::borrow::Cow::Owned(
            LINK.replace_all(&out, |c: &regex::Captures| {
                if c[0].to_ascii_lowercase().contains("github.com/") {
                    "[GitHub link]"
                } else {
                    "[link]"
                }
            })
            .into_owned(),
        );
    }
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 7 {
        out = std::borrow::Cow::Owned(PHONE.replace_all(&out, "[phone]").into_owned());
    }
    if digits >= 1 && STREET_WORD.is_match(line) {
        out = std::borrow::Cow::Owned(STREET.replace_all(&out, "[address]").into_owned());
    }
    out.into_owned()
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn contact_details_are_replaced() {
        assert_eq!(
            redact("Jane Roe · jane.roe@example.com · +1 (415) 555-0132 · 742 Evergreen Terrace, Springfield"),
            "Jane Roe · [email] · [phone] · [address], Springfield"
        );
        assert_eq!(
            redact("415-555-0199 | linkedin.com/in/jroe | https://github.com/jroe"),
            "[phone] | [link] | [GitHub link]"
        );
        assert_eq!(redact("github.com/hwpark-ml · Google Scholar"), "[GitHub link] · Google Scholar");
        assert_eq!(redact("+44 20 7946 0958"), "[phone]");
    }

    #[test]
    fn dates_and_numbers_in_bullets_survive() {
        for line in [
            "Jan 2019 – Present",
            "2016-2020",
            "03/2018 – 06/2021",
            "Cut latency by 35% across 12 services",
            "Led a team of 5 engineers",
            "Python 3.11, TF2, AWS (EC2, S3)",
        ] {
            assert_eq!(redact(line), line);
        }
    }
}
