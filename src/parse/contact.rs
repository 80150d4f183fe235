//! Contact details are removed from every line before anything else looks at it, so no later
//! stage can match, score or print them. Resumes are personal data: the report shows
//! `[email]`, `[phone]`, `[link]` or `[address]` where they stood.
//!
//! What counts as a contact detail:
//! - an e-mail address;
//! - a link: anything with `http://`, `https://` or `www.`; a domain followed by a path
//!   (`example.dev/x`, `linktr.ee/x`, `medium.com/@x`, `bit.ly/x`); a bare domain whose
//!   top-level part is one of the `[contact] domains` of `taxonomy/vocabulary.toml`, written
//!   in lower case (`jroe.dev`), so that `ASP.NET` and `Node.js` stay; an `@handle` standing
//!   on its own;
//! - a phone number: international (`+44 20 7946 0958`, `(+82) 10-9030-1843`), with a
//!   parenthesised area code, North American (`415-555-0199`, `555-0100`), national with a
//!   trunk `0` (`0171 2345678`, `07700 900123`, `020 7946 0958`), Indian mobile
//!   (`98765 43210`, `9876543210`), or any run of 10 to 13 digits;
//! - a street address (a house number, up to four words and a street word) with the rest of
//!   its part of the line (city, state, ZIP), and a `City, ST 12345` part on its own. The street
//!   words are data too (`[contact] street_words`).
//!
//! Dates, years, version numbers, percentages and names such as `Node.js`, `ASP.NET` or
//! `scikit-learn` are left alone (the tests below hold both sides).

use std::borrow::Cow;
use std::sync::LazyLock;

pub use crate::taxonomy::contact::Contact;
use crate::taxonomy::contact::{CITY_STATE_ZIP_SOURCE, EMAIL_SOURCE, HANDLE_SOURCE, PHONE_SOURCE, STREET_PART_ENDS};
use crate::taxonomy::lazy::{Groups, Pattern};

// The reader's own patterns, compiled (or read prebuilt) when first used: what each reads is
// said where its text is, in `taxonomy::contact`.
static EMAIL: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(EMAIL_SOURCE).expect("email pattern"));
static HANDLE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(HANDLE_SOURCE).expect("handle pattern"));
static PHONE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(PHONE_SOURCE).expect("phone pattern"));
static CITY_STATE_ZIP: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(CITY_STATE_ZIP_SOURCE).expect("city pattern"));

/// The line with every contact detail replaced, read with the loaded taxonomy's words.
pub fn redact(contact: &Contact, line: &str) -> String {
    if !line.bytes().any(|b| b.is_ascii_digit() || b == b'@' || b == b'.' || b == b'/') {
        return line.to_string();
    }
    let mut out = Cow::Borrowed(line);
    if line.contains('@') {
        replace_all(&mut out, &EMAIL, |_| "[email]".into());
    }
    if line.contains('/') || line.contains('.') {
        replace_all(&mut out, &contact.link, link);
    }
    if out.contains('@') {
        replace_all(&mut out, &HANDLE, |c| c.text(0).replace(c.text(1), "[link]"));
    }
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 7 {
        replace_all(&mut out, &PHONE, |_| "[phone]".into());
    }
    if digits >= 1 && contact.street_word.is_match(line) {
        redact_streets(&mut out, &contact.street);
    }
    if digits >= 5 {
        replace_all(&mut out, &CITY_STATE_ZIP, |_| "[address]".into());
    }
    out.into_owned()
}

/// Replaces every street address with the rest of its part of the line, up to one of
/// `STREET_PART_ENDS`; the next one is looked for after that part.
fn redact_streets(text: &mut Cow<'_, str>, street: &Pattern) {
    let mut out = String::new();
    let mut done = 0;
    while let Some(found) = street.find_at(text, done) {
        let rest = &text[found.end()..];
        let end = found.end() + rest.find(STREET_PART_ENDS).unwrap_or(rest.len());
        out.push_str(&text[done..found.start()]);
        out.push_str("[address]");
        done = end;
    }
    if !out.is_empty() {
        out.push_str(&text[done..]);
        *text = Cow::Owned(out);
    }
}

/// Replaces every match in `text`, copying it only when something matched: most lines have a
/// "." and no link.
fn replace_all(text: &mut Cow<'_, str>, pattern: &Pattern, with: impl FnMut(&Groups) -> String) {
    if let Cow::Owned(replaced) = pattern.replace_all(text, with) {
        *text = Cow::Owned(replaced);
    }
}

/// `[link]` for a matched link, keeping what follows a bare domain (the pattern looks at it).
fn link(c: &Groups) -> String {
    // A profile link says which site it is on ("github.com/jroe" shows a GitHub account):
    // the site's name is kept, the account is not.
    let whole = c.text(0);
    if whole.to_ascii_lowercase().contains("github.com/") {
        return "[GitHub link]".to_string();
    }
    match c.name("domain") {
        Some(domain) => format!("[link]{}", &whole[domain.as_str().len()..]),
        None => "[link]".to_string(),
    }
}

/// Whether a text still holds something shaped like a contact detail, by the same
/// patterns. Tests run every string of every report through it.
pub fn has_contact_detail(contact: &Contact, text: &str) -> bool {
    redact(contact, text) != text
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::taxonomy::Vocabulary;

    static VOCABULARY: LazyLock<Vocabulary> =
        LazyLock::new(|| Vocabulary::from_toml(include_str!("../../taxonomy/vocabulary.toml")).unwrap());

    /// Redaction with the built-in vocabulary's words.
    fn redact(line: &str) -> String {
        super::redact(&VOCABULARY.contact, line)
    }

    /// The program's own patterns read lines beyond ASCII as `regex` does.
    #[test]
    fn contact_patterns_read_as_regex_does() {
        let lines = crate::taxonomy::lazy::lines_beyond_ascii();
        for pattern in [&super::EMAIL, &super::HANDLE, &super::PHONE, &super::CITY_STATE_ZIP] {
            crate::taxonomy::lazy::assert_reads_as_regex(pattern, lines);
        }
    }

    #[test]
    fn contact_details_are_replaced() {
        assert_eq!(
            redact("Jane Roe · jane.roe@example.com · +1 (415) 555-0132 · 742 Evergreen Terrace, Springfield"),
            "Jane Roe · [email] · [phone] · [address]"
        );
        assert_eq!(
            redact("415-555-0199 | linkedin.com/in/jroe | https://github.com/jroe"),
            "[phone] | [link] | [GitHub link]"
        );
        assert_eq!(redact("github.com/hwpark-ml · Google Scholar"), "[GitHub link] · Google Scholar");
        assert_eq!(redact("+44 20 7946 0958"), "[phone]");
    }

    #[test]
    fn bare_domains_handles_and_profile_links() {
        for (line, want) in [
            ("Portfolio: example.dev/projects", "Portfolio: [link]"),
            ("linktr.ee/janeroe | medium.com/@janeroe", "[link] | [link]"),
            ("kaggle.com/janeroe, bit.ly/3xYz", "[link], [link]"),
            ("Blog at jroe.dev, talks on YouTube", "Blog at [link], talks on YouTube"),
            ("Visit jroe.dev. Then", "Visit [link]. Then"),
            ("jroe.dev", "[link]"),
            ("GitHub: @janeroe · Twitter @jroe_ml", "GitHub: [link] · Twitter [link]"),
            ("See https://example.com/profile.", "See [link]"),
            ("Site: janeroe.github.io", "Site: [link]"),
        ] {
            assert_eq!(redact(line), want, "{line}");
        }
    }

    #[test]
    fn degrees_written_like_domains_are_kept() {
        for line in ["B.com", "B.tech in computer science", "M.tech, 2019", "b.com (Hons)"] {
            assert_eq!(redact(line), line);
        }
    }

    #[test]
    fn national_phone_numbers() {
        for (line, want) in [
            ("Tel. 0171 2345678", "Tel. [phone]"),
            ("Mobile: 07700 900123", "Mobile: [phone]"),
            ("020 7946 0958", "[phone]"),
            ("+91 98765 43210", "[phone]"),
            ("+91-9876543210", "[phone]"),
            ("Phone: 9876543210", "Phone: [phone]"),
            ("98765 43210 | Pune", "[phone] | Pune"),
            ("(+82) 10-9030-1843 | [email]", "[phone] | [email]"),
            ("+44 (0)20 7946 0958", "[phone]"),
            ("Call 555-0100", "Call [phone]"),
        ] {
            assert_eq!(redact(line), want, "{line}");
        }
    }

    #[test]
    fn the_city_state_and_zip_go_with_the_street() {
        assert_eq!(redact("12 Main Street, Springfield, IL 62704 | Data Engineer"), "[address]| Data Engineer");
        assert_eq!(redact("Springfield, IL 62704"), "[address]");
        assert_eq!(redact("Austin, TX 78701-1234 · [email]"), "[address] · [email]");
    }

    /// The street pattern ended with the rest of the line's part, `[^|·•;\t\[]*`, before the
    /// reader took that part itself: both read every line alike, on hand-made lines and on
    /// every line of the shared corpus' text resumes with a digit.
    #[test]
    fn a_street_takes_the_rest_of_its_part_as_the_pattern_with_that_tail_did() {
        let street = &VOCABULARY.contact.street;
        let with_tail = regex::Regex::new(&format!(r"{}[^|·•;\t\[]*", street.source())).unwrap();
        let mut lines: Vec<String> = [
            "12 Main Street, Springfield, IL 62704 | Data Engineer",
            "742 Evergreen Terrace; 12 Oak Road • 3 Elm St",
            "1 A St 2\t3 B Rd [x] 4 Rue de l'Église Paris",
            "Flat 9, 221B Baker Street, Apt 4B, London · 10 Downing St.",
            "Led 3 teams the whole way; 5 years in place",
            "12 Main St12 Oak Rd",
        ]
        .map(String::from)
        .to_vec();
        let corpus = crate::taxonomy::lazy::corpus_text_lines();
        lines.extend(corpus.iter().filter(|l| l.bytes().any(|b| b.is_ascii_digit())).cloned());
        let mut changed = 0;
        for line in &lines {
            let mut ours = std::borrow::Cow::Borrowed(line.as_str());
            super::redact_streets(&mut ours, street);
            let theirs = with_tail.replace_all(line, "[address]");
            assert_eq!(ours, theirs, "{line}");
            changed += usize::from(theirs != line.as_str());
        }
        assert!(changed >= 5, "{changed} lines with a street");
    }

    #[test]
    fn dates_versions_and_skill_names_survive() {
        for line in [
            "Jan 2019 – Present",
            "2016-2020",
            "03/2018 – 06/2021",
            "01/2019 - 06/2021",
            "2019-03 – 2021-11",
            "Cut latency by 35% across 12 services",
            "Led a team of 5 engineers",
            "Python 3.11, TF2, AWS (EC2, S3)",
            "Node.js, ASP.NET, scikit-learn, Vue.js, D3.js, .NET 6",
            "Socket.IO, Next.js and Three.js front ends",
            "React/Redux, TCP/IP, CI/CD, B.Sc./M.Sc., Ph.D.",
            "Installed SQL Server 2012 2014 2016 2017 and 2019",
            "Cisco 1800 1900 800 892 and 1700 models",
            "Availability of 99.999 %, 99999 999999 uptime",
            "offline evaluation (NDCG, recall@k) gates every release",
            "Kubernetes 1.27, Spark 3.5.1, Java 17, C++17",
            "Raised conversion 12.5% to 14.0% in Q3 2021",
            "e.g. the data lake; i.e. S3",
            "Grew revenue from $1.2M to $3.4M (2018 – 2020)",
        ] {
            assert_eq!(redact(line), line);
        }
    }
}
