//! When an ambiguous name (R, Go, C, Spark, Scala…) is a technology: word boundaries,
//! glue characters, list items, the time used written after it, and the context words of
//! the taxonomy's vocabulary.

use std::cell::OnceCell;
use std::ops::Range;

use super::LineHit;
use crate::taxonomy::vocabulary::ContextWords;

pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

pub(super) fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The alias sits on word boundaries: not inside a longer word, and an alias ending in a
/// letter is not followed by `+` or `#` (that would be a different language).
pub(super) fn on_word_boundaries(text: &str, span: &Range<usize>, alias: &str) -> bool {
    let before_ok = match (alias.chars().next(), char_before(text, span.start)) {
        (Some(first), Some(prev)) if is_word_char(first) => !is_word_char(prev),
        _ => true,
    };
    let after_ok = match (alias.chars().next_back(), char_after(text, span.end)) {
        (Some(last), Some(next)) if is_word_char(last) => !is_word_char(next) && next != '+' && next != '#',
        _ => true,
    };
    before_ok && after_ok
}

/// Glued to "-", "&" or an apostrophe, or an initial ("R. Smith"): not a language name.
pub(super) fn glued_to_other_word(text: &str, span: &Range<usize>) -> bool {
    let glue = |c: Option<char>| matches!(c, Some('-' | '&' | '\'' | '’'));
    if glue(char_before(text, span.start)) || glue(char_after(text, span.end)) {
        return true;
    }
    // The last letter of a dotted abbreviation ("S.S.C", "H.S.C"), not a language.
    let mut back = text[..span.start].chars().rev();
    if back.next() == Some('.') && back.next().is_some_and(char::is_alphabetic) {
        return true;
    }
    let rest = &text[span.end..];
    rest.starts_with('.')
        && rest[1..].chars().next().is_some_and(|c| c.is_alphabetic() || c == ' ')
        && rest[1..].trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// Byte ranges of the items of a list-like line: split at , ; | / ( ) [ ] : • and at the
/// words "and", "or", "&" between spaces.
pub(super) fn list_items(text: &str) -> Vec<Range<usize>> {
    const JOINING_WORDS: [&str; 3] = [" and ", " or ", " & "];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // One pass over the line (this runs on every line): a joining word is looked for only
    // where a space is, and each word's occurrences do not overlap one another.
    let mut free_from = [0; JOINING_WORDS.len()];
    for (i, c) in text.char_indices() {
        if matches!(c, ',' | ';' | '|' | '/' | '(' | ')' | '[' | ']' | ':' | '•' | '·') {
            cuts.push((i, i + c.len_utf8()));
        } else if c == ' ' {
            for (word, free_from) in JOINING_WORDS.iter().zip(&mut free_from) {
                if i >= *free_from && text[i..].starts_with(word) {
                    cuts.push((i, i + word.len()));
                    *free_from = i + word.len();
                }
            }
        }
    }
    cuts.sort_unstable();
    let mut items = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            items.push(start..cut_start);
            start = cut_end;
        }
    }
    items.push(start..text.len());
    items
}

/// "Wrote Spark jobs in Scala": a tool word ("in", "with", "using", "on") right before the
/// ambiguous alias, and a skill elsewhere in the same sentence.
pub(super) fn used_with_a_skill(words: &ContextWords, text: &str, span: &Range<usize>, confirmed: &[LineHit]) -> bool {
    let before = text[..span.start].trim_end();
    let previous_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
    if !words.tool_words_before.contains(&previous_word) {
        return false;
    }
    let sentence_start = before.rfind(['.', ';', '!', '?']).map_or(0, |i| i + 1);
    let sentence_end = text[span.end..].find(['.', ';', '!', '?']).map_or(text.len(), |i| span.end + i);
    confirmed.iter().any(|h| h.span.start >= sentence_start && h.span.end <= sentence_end)
}

/// Words after an ambiguous alias that make it a language ("R programming", "Go services").
pub(super) fn language_word_follows(words: &ContextWords, text: &str, span: &Range<usize>) -> bool {
    let next_word: String = text[span.end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    words.words_after.contains(&next_word) || {
        // "Programming Languages: C, Java": the label's colon or dash is no word.
        let before = text[..span.start].trim_end_matches([' ', ':', '-', '–']).to_lowercase();
        words.phrases_before.iter().any(|p| before.ends_with(p.as_str()))
    }
}

/// The name is an item of the parentheses that follow a skill ("AWS (Glue, EMR, Lambda)",
/// "Python (pandas, R)"): the parentheses list that skill's parts or companions.
pub(super) fn listed_under_a_skill(text: &str, span: &Range<usize>, confirmed: &[LineHit]) -> bool {
    let before = &text[..span.start];
    let Some(open) = before.rfind('(') else { return false };
    if before[open..].contains(')') || text[span.end..].find(')').is_none() {
        return false;
    }
    let head_end = text[..open].trim_end().len();
    confirmed.iter().any(|h| h.span.end == head_end)
}

/// How long the name was used follows it ("C 1 year", "R (2 years)", "C- Experience - Less
/// than 1 year"): the way job portals list skills, so the name is a skill listed.
pub(super) fn duration_follows(words: &ContextWords, text: &str, span: &Range<usize>) -> bool {
    let separator = |c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | '(');
    let mut rest = text[span.end..].trim_start_matches(separator);
    // At most a few lead words ("Experience - Less than"), so the check stays short.
    for _ in 0..4 {
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        if word.is_empty() || !words.duration_lead_words.contains(&word.to_lowercase()) {
            break;
        }
        rest = rest[word.len()..].trim_start_matches(separator);
    }
    let digits = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '+').count();
    if digits == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let unit: String = rest[digits..].trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    words.duration_units.contains(&unit.to_lowercase())
}

/// The hit is a whole item of a list ("hadoop,hive,spark"): the line's separators, not its
/// words, stand on either side of it. `items` are the line's [`list_items`].
pub(super) fn is_whole_list_item(text: &str, items: &[Range<usize>], span: &Range<usize>) -> bool {
    items.iter().any(|r| {
        let item = text[r.clone()].trim().trim_end_matches(['.', ' ']);
        let start = r.start + (text[r.clone()].len() - text[r.clone()].trim_start().len());
        start == span.start && item.len() == span.len()
    })
}

/// An ambiguous alias stands right beside a skill ("Jenkins CI/CD"), or is an item of a
/// list whose neighbouring item holds a skill ("in R and Python", "Go, C and C++").
///
/// `items` holds the line's [`list_items`] once they are cut: a line is asked about each of
/// its ambiguous names, and a resume stored as one long line has hundreds of them.
pub(super) fn next_to_a_skill(
    text: &str,
    items: &OnceCell<Vec<Range<usize>>>,
    span: &Range<usize>,
    confirmed: &[LineHit],
) -> bool {
    let touching = confirmed.iter().any(|h| {
        let between = if h.span.start >= span.end {
            &text[span.end..h.span.start]
        } else if h.span.end <= span.start {
            &text[h.span.end..span.start]
        } else {
            return false;
        };
        between.chars().all(|c| c == ' ') && between.len() <= 1
    });
    if touching {
        return true;
    }
    let items = items.get_or_init(|| list_items(text));
    let Some(index) = items.iter().position(|r| r.start <= span.start && span.end <= r.end) else {
        return false;
    };
    let item = &text[items[index].clone()];
    // The alias must be the item, or the item's last or first word ("in R", "R and Python").
    let trimmed = item.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#');
    let at_edge = trimmed.ends_with(&text[span.clone()]) || trimmed.starts_with(&text[span.clone()]);
    if !at_edge {
        return false;
    }
    // A neighbour counts if it is a short list item, or if its skill stands right at the
    // conjunction ("… in Python and Go"); otherwise a long neighbour is just a sentence.
    let (prev, next) = (index.checked_sub(1), index + 1);
    let at_joint = |i: usize, h: &LineHit| {
        let r = &items[i];
        let item = text[r.clone()].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#');
        let item_start = r.start + (text[r.clone()].len() - text[r.clone()].trim_start().len());
        if Some(i) == prev {
            h.span.end == r.start + item.len()
        } else {
            h.span.start == item_start
        }
    };
    [prev, Some(next)].into_iter().flatten().filter(|&i| i < items.len()).any(|i| {
        let r = &items[i];
        let short = text[r.clone()].split_whitespace().count() <= 4;
        confirmed.iter().any(|h| h.span.start >= r.start && h.span.end <= r.end && (short || at_joint(i, h)))
    })
}

#[cfg(test)]
mod tests {
    use super::list_items;

    fn items(text: &str) -> Vec<&str> {
        list_items(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_list_is_cut_at_its_separators_and_joining_words() {
        assert_eq!(
            items("Python, SQL and Spark / R or Go & C (ML)"),
            ["Python", " SQL", "Spark ", " R", "Go", "C ", "ML", ""]
        );
        // Separators beyond ASCII, and a word inside another word is not a joining word.
        assert_eq!(items("Pandas • NumPy · Android"), ["Pandas ", " NumPy ", " Android"]);
    }

    #[test]
    fn joining_words_that_share_a_space_cut_once() {
        // The second "and" begins with the space the first ends with.
        assert_eq!(items("a and and b"), ["a", "and b"]);
        assert_eq!(items("x and or y"), ["x", "or y"]);
    }
}
