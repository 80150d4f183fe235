//! Acronyms a document spells out for itself. "GCP (Global Career Program)" says what GCP
//! means in this resume, so GCP is not Google Cloud there; "GCP (Google Cloud Platform)" or
//! no definition at all leaves the usual reading.

/// The longest acronym read as one (letters only): longer capitals are words, not initials.
const MAX_ACRONYM: usize = 6;
/// Words of an expansion that may carry no letter of the acronym ("of", "and", "for").
const MAX_SKIPPED_WORD: usize = 3;

/// An acronym and the words the document gives for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Definition {
    pub acronym: String,
    pub expansion: String,
}

/// Every "ACR (Expansion Words)" and "Expansion Words (ACR)" of `text` whose words' initials
/// spell the acronym in order.
pub(super) fn definitions_in(text: &str) -> Vec<Definition> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let Some(close) = text[open..].find(')').map(|i| open + i) else { break };
        from = close;
        let inside = text[open + 1..close].trim();
        let before = text[..open].trim_end();
        if is_acronym(inside) {
            // "Global Career Program (GCP)": the words just before spell it.
            let words: Vec<&str> = before.split_whitespace().collect();
            let letters = inside.len();
            for count in letters..=(letters + 2).min(words.len()) {
                let expansion = &words[words.len() - count..];
                if spells(inside, expansion) {
                    found.push(Definition { acronym: inside.to_string(), expansion: expansion.join(" ") });
                    break;
                }
            }
        } else if let Some(acronym) = before.split_whitespace().next_back().filter(|w| is_acronym(w)) {
            // "GCP (Global Career Program)".
            let words: Vec<&str> = inside.split_whitespace().collect();
            if spells(acronym, &words) {
                found.push(Definition { acronym: acronym.to_string(), expansion: inside.to_string() });
            }
        }
    }
    found
}

fn is_acronym(word: &str) -> bool {
    (2..=MAX_ACRONYM).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The words' initials spell `acronym` in order; a short word may carry no letter of it.
pub(super) fn spells(acronym: &str, words: &[&str]) -> bool {
    let mut letters = acronym.chars().peekable();
    for word in words {
        let initial = word.chars().next().map(|c| c.to_ascii_uppercase());
        if initial.is_some() && initial == letters.peek().copied() {
            letters.next();
        } else if word.chars().count() > MAX_SKIPPED_WORD || !word.chars().all(char::is_alphabetic) {
            return false;
        }
    }
    letters.next().is_none() && !words.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acronyms(text: &str) -> Vec<(String, String)> {
        definitions_in(text).into_iter().map(|d| (d.acronym, d.expansion)).collect()
    }

    #[test]
    fn both_orders_are_read() {
        assert_eq!(
            acronyms("GCP (Global career program) is a workflow tool"),
            vec![("GCP".to_string(), "Global career program".to_string())]
        );
        assert_eq!(
            acronyms("audits under Good Clinical Practice (GCP) rules"),
            vec![("GCP".to_string(), "Good Clinical Practice".to_string())]
        );
        assert_eq!(
            acronyms("the Department of Defense (DOD) contract"),
            vec![("DOD".to_string(), "Department of Defense".to_string())]
        );
    }

    #[test]
    fn words_that_do_not_spell_it_define_nothing() {
        assert!(acronyms("Deployed on GCP (three regions)").is_empty());
        assert!(acronyms("Python (pandas, NumPy)").is_empty());
        assert!(acronyms("Worked with AWS (S3, EMR)").is_empty());
        assert!(acronyms("an unclosed (GCP").is_empty());
    }
}
