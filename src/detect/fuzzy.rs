//! Near misses among the words that matched nothing exactly: spacing variants ("Py Torch")
//! and misspellings ("Tensorflw"), found through the lexicon's compact and fuzzy tables.

use std::ops::Range;

use super::lexicon::{compact_into, letter_set, Lexicon, MIN_FUZZY_LEN};
use super::{LineHit, MatchKind};

/// Word tokens of a line as byte ranges, with surrounding punctuation trimmed.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word = c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '#' | '_');
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.into_iter()
        .map(|r| {
            let word = &text[r.clone()];
            let lead = word.len() - word.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            let trail =
                word.len() - word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#').len();
            (r.start + lead)..(r.end - trail).max(r.start + lead)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Spacing variants and misspellings among the words that matched nothing exactly.
pub(super) fn near_misses(lexicon: &Lexicon, text: &str, exact: &[LineHit]) -> Vec<LineHit> {
    let words = tokens(text);
    // The exact hits' spans, sorted and merged, so that each word is checked by a binary
    // search (a line of thousands of hits stays near-linear).
    let mut covered: Vec<Range<usize>> = exact.iter().map(|h| h.span.clone()).collect();
    covered.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(covered.len());
    for r in covered {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let free = |r: &Range<usize>| {
        // The first merged span that ends after the word starts is the only one to check.
        let i = merged.partition_point(|m| m.end <= r.start);
        merged.get(i).is_none_or(|m| m.start >= r.end)
    };
    let mut found: Vec<LineHit> = Vec::new();
    let mut used_until = 0;
    let mut scratch = String::new();
    for i in 0..words.len() {
        if words[i].start < used_until || !free(&words[i]) {
            continue;
        }
        // Two words first ("Py Torch"), then one ("Tensorflw").
        let pair = words.get(i + 1).filter(|next| free(next) && text[words[i].end..next.start].trim().is_empty());
        let candidates = pair
            .map(|next| (words[i].start..next.end, true))
            .into_iter()
            .chain(std::iter::once((words[i].clone(), false)));
        for (span, is_pair) in candidates {
            if let Some(hit) = near_miss(lexicon, &text[span.clone()], is_pair, &mut scratch) {
                used_until = span.end;
                found.push(LineHit { span, ..hit });
                break;
            }
        }
    }
    found
}

fn near_miss(lexicon: &Lexicon, word: &str, is_pair: bool, key: &mut String) -> Option<LineHit> {
    // Compacting never lengthens a word: a short one cannot reach the minimum.
    if word.len() < MIN_FUZZY_LEN || !word.chars().any(char::is_alphabetic) {
        return None;
    }
    compact_into(word, key);
    let key = key.as_str();
    let len = key.chars().count();
    if len < MIN_FUZZY_LEN {
        return None;
    }
    // Typos keep the first letter; the allowed distance grows with the word's length.
    let first = key.chars().next()?;
    let spacing = lexicon.compact_shapes.may_have(first, len, 0).then(|| lexicon.compact.get(key)).flatten();
    if let Some(&skill) = spacing {
        return Some(LineHit {
            skill,
            span: 0..0,
            kind: MatchKind::Spacing,
            confidence: MatchKind::Spacing.confidence(0),
        });
    }
    let max_distance = if len >= 9 { 2 } else { 1 };
    let min_len = if is_pair { 8 } else { MIN_FUZZY_LEN };
    if len < min_len {
        return None;
    }
    let max_distance = if is_pair { 1 } else { max_distance };
    if !lexicon.fuzzy_shapes.may_have(first, len, max_distance) {
        return None;
    }
    let same_first = lexicon.fuzzy.get(&first)?;
    // The candidates within the distance in length (the list is sorted by length).
    let shortest = same_first.partition_point(|a| a.len < len.saturating_sub(max_distance));
    let longest = same_first.partition_point(|a| a.len <= len + max_distance);
    let letters = letter_set(key);
    let best = same_first[shortest..longest]
        .iter()
        .filter(|a| (is_pair || a.words == 1) && (a.letters ^ letters).count_ones() as usize <= 2 * max_distance)
        .filter_map(|a| bounded_osa(key, &a.compact, max_distance).map(|d| (d, a)))
        .filter(|(d, _)| *d >= 1)
        .min_by_key(|(d, a)| (*d, a.len.abs_diff(len), a.rank))?;
    // "with project managers": the plural of a person's title names other people, and is no
    // misspelling of the skill the singular stands for.
    let singular = key.strip_suffix('s').filter(|s| *s == best.1.compact.as_str());
    let last_word = word.rsplit(' ').next().unwrap_or(word).to_lowercase();
    if singular.is_some() && lexicon.standing.is_job_noun(last_word.trim_end_matches('s')) {
        return None;
    }
    Some(LineHit {
        skill: best.1.skill,
        span: 0..0,
        kind: MatchKind::Fuzzy,
        confidence: MatchKind::Fuzzy.confidence(best.0),
    })
}

/// Optimal-string-alignment distance (edits and adjacent transpositions, so "Pytroch" is one
/// edit from "pytorch") if it is at most `max`, else `None`. Works on bytes with fixed rows
/// and stops as soon as a whole row exceeds `max`: it runs for every candidate word of every
/// line, so it must not allocate. Words longer than the rows, or not ASCII, fall back to
/// strsim.
pub(super) fn bounded_osa(a: &str, b: &str, max: usize) -> Option<usize> {
    const ROW: usize = 48;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.len() >= ROW || b.len() >= ROW || !a.is_ascii() || !b.is_ascii() {
        let d = strsim::osa_distance(std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
        return (d <= max).then_some(d);
    }
    let mut two_back = [0usize; ROW];
    let mut prev = [0usize; ROW];
    let mut cur = [0usize; ROW];
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        two_back = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::lexicon::FuzzyAlias;
    use crate::taxonomy::Taxonomy;

    /// The candidate a scan of every alias of the word's first letter, in the taxonomy's
    /// order, would choose: what `near_miss` chose before its candidates were sorted by length.
    fn nearest_in_taxonomy_order<'l>(
        lexicon: &'l Lexicon,
        key: &str,
        is_pair: bool,
        max: usize,
    ) -> Option<(usize, &'l FuzzyAlias)> {
        let len = key.chars().count();
        let mut same_first: Vec<_> = lexicon.fuzzy.get(&key.chars().next()?)?.iter().collect();
        same_first.sort_by_key(|a| a.rank);
        same_first
            .into_iter()
            .filter(|a| (is_pair || a.words == 1) && a.len.abs_diff(len) <= max)
            .filter_map(|a| bounded_osa(key, &a.compact, max).map(|d| (d, a)))
            .filter(|(d, _)| *d >= 1)
            .min_by_key(|(d, a)| (*d, a.len.abs_diff(len)))
    }

    #[test]
    fn a_misspelling_finds_the_alias_a_scan_in_taxonomy_order_finds() {
        let lexicon = Lexicon::new(&Taxonomy::embedded().unwrap());
        let mut words: Vec<String> = Vec::new();
        for alias in lexicon.fuzzy.values().flatten() {
            let key = alias.compact.as_bytes();
            for i in 0..key.len() {
                // A letter dropped, doubled, changed, and two swapped: one edit each.
                let mut dropped = key.to_vec();
                dropped.remove(i);
                let mut doubled = key.to_vec();
                doubled.insert(i, key[i]);
                let mut changed = key.to_vec();
                changed[i] = if key[i] == b'e' { b'a' } else { b'e' };
                words.extend([dropped, doubled, changed].map(|w| String::from_utf8_lossy(&w).into_owned()));
                if i + 1 < key.len() {
                    let mut swapped = key.to_vec();
                    swapped.swap(i, i + 1);
                    words.push(String::from_utf8_lossy(&swapped).into_owned());
                }
            }
        }
        let (mut compared, mut found) = (0, 0);
        let mut scratch = String::new();
        for word in &words {
            for is_pair in [false, true] {
                let len = word.chars().count();
                if len < if is_pair { 8 } else { MIN_FUZZY_LEN } || lexicon.compact.contains_key(word.as_str()) {
                    continue;
                }
                let max = if is_pair || len < 9 { 1 } else { 2 };
                let nearest = nearest_in_taxonomy_order(&lexicon, word, is_pair, max);
                let expected = nearest.map(|(d, a)| (a.skill, d));
                let got = near_miss(&lexicon, word, is_pair, &mut scratch)
                    .filter(|hit| hit.kind == MatchKind::Fuzzy)
                    .map(|hit| (hit.skill, if hit.confidence == MatchKind::Fuzzy.confidence(1) { 1 } else { 2 }));
                // The plural of the alias chosen is refused after the choice when it names
                // people ("managers"): only then may nothing be found where the scan finds one.
                let refused_plural =
                    got.is_none() && nearest.is_some_and(|(_, a)| word.strip_suffix('s') == Some(a.compact.as_str()));
                if !refused_plural {
                    assert_eq!(got, expected, "{word} (pair: {is_pair})");
                }
                compared += 1;
                found += usize::from(got.is_some());
            }
        }
        assert!(compared > 10_000 && found > 5_000, "{compared} words compared, {found} found");
    }
}
