//! A set of words found where the words of a line start, each as a prefix of the text there
//! (`mentor` at "mentoring"): what an Aho-Corasick scan of every place finds, filtered to
//! the places a word can start, without building an automaton's failure links at every
//! start of the program (issue 25: two thirds of reading the phrase rules; the alias
//! automaton of 1,571 names was the longest part of a one-resume run). Both readers want
//! words that start a word of the line, so neither needs the matches an automaton finds
//! inside words ("r" and "c" made 84% of the alias automaton's matches).
//!
//! The words are held in a trie (the automaton without its failure links): a place costs one
//! step per byte of the longest word that starts the text there, and a place whose byte
//! starts no word costs one step.

use std::ops::Range;

/// Where a word of the set is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Places {
    /// At the start of the text and after a byte that is not an ASCII letter or digit.
    WordStarts,
    /// Those places, and inside a word for a word of the set that itself starts with a byte
    /// that is not an ASCII letter or digit (".net" in "ASP.NET"): every place a name can
    /// start whose first character, if it is a letter, digit or `_`, follows none.
    WordStartsAndSymbols,
}

#[derive(Debug, Clone)]
pub(crate) struct WordStarts {
    places: Places,
    /// Node 0 is the root, the empty prefix.
    nodes: Vec<Node>,
    /// Each node's edges, by byte, in one block per node.
    edges: Vec<(u8, u32)>,
    /// Each node's words (indexes into the list given), in one block per node.
    ends: Vec<u32>,
    /// The rest of the word of each leaf, in one block per leaf.
    tails: Vec<u8>,
    /// The root's edges as a table (0: none; the root is no node's child): the one step
    /// taken at every place.
    root: [u32; 256],
}

/// A prefix of some word of the set, or a leaf: the prefix of only one word, which holds
/// the rest of it instead of a node per byte (most nodes were such chains: 17,000 bytes of
/// aliases, a few thousand branches).
#[derive(Debug, Clone)]
struct Node {
    /// Into `edges`: the bytes that continue the prefix towards a word, sorted.
    edges: Range<u32>,
    /// Into `ends`: the words that are this prefix (with a leaf's tail).
    ends: Range<u32>,
    /// Into `tails`: a leaf's rest of its word; empty for any other node.
    tail: Range<u32>,
}

impl WordStarts {
    pub(crate) fn new<S: AsRef<str>>(words: &[S], places: Places) -> WordStarts {
        let mut words: Vec<(&[u8], u32)> =
            words.iter().enumerate().map(|(index, word)| (word.as_ref().as_bytes(), index as u32)).collect();
        let mut set = WordStarts {
            places,
            nodes: Vec::new(),
            edges: Vec::new(),
            ends: Vec::new(),
            tails: Vec::new(),
            root: [0; 256],
        };
        // Depth first with a stack of its own, not recursion: a taxonomy's word can be long.
        // Each entry: the edge that leads to the node (none for the root), the words sharing
        // the node's prefix (a range of `words`), and its depth. A node's words are sorted by
        // their byte at its depth only (a radix sort, level by level): sorting the words
        // whole compared them byte by byte from the start, again and again.
        let mut todo: Vec<(Option<usize>, Range<usize>, usize)> = vec![(None, 0..words.len(), 0)];
        while let Some((edge, range, depth)) = todo.pop() {
            let id = set.nodes.len() as u32;
            if let Some(edge) = edge {
                set.edges[edge].1 = id;
            }
            let here = &mut words[range.clone()];
            if let [(word, index)] = here {
                if depth > 0 && word.len() > depth {
                    let tail_from = set.tails.len() as u32;
                    set.tails.extend_from_slice(&word[depth..]);
                    let ends = set.ends.len() as u32..set.ends.len() as u32 + 1;
                    set.ends.push(*index);
                    set.nodes.push(Node { edges: 0..0, ends, tail: tail_from..set.tails.len() as u32 });
                    continue;
                }
            }
            here.sort_unstable_by_key(|(word, _)| word.get(depth).copied());
            let ending = here.iter().take_while(|(word, _)| word.len() == depth).count();
            let ends_from = set.ends.len() as u32;
            set.ends.extend(here[..ending].iter().map(|&(_, index)| index));
            let edges_from = set.edges.len();
            let mut group_start = range.start + ending;
            for group in here[ending..].chunk_by(|a, b| a.0[depth] == b.0[depth]) {
                let group_range = group_start..group_start + group.len();
                group_start = group_range.end;
                todo.push((Some(set.edges.len()), group_range, depth + 1));
                set.edges.push((group[0].0[depth], 0));
            }
            let edges = edges_from as u32..set.edges.len() as u32;
            set.nodes.push(Node { edges, ends: ends_from..set.ends.len() as u32, tail: 0..0 });
        }
        for &(byte, child) in &set.edges[set.nodes[0].edges.start as usize..set.nodes[0].edges.end as usize] {
            set.root[usize::from(byte)] = child;
        }
        set
    }

    /// Calls `found(word index, span)` for every word that `bytes` continues with from one of
    /// the set's [`Places`] (the span's start), in the order of the places, the shorter word
    /// first.
    pub(crate) fn for_each(&self, bytes: &[u8], mut found: impl FnMut(usize, Range<usize>)) {
        for place in 0..=bytes.len() {
            let rest = &bytes[place..];
            let inside_a_word = place > 0 && bytes[place - 1].is_ascii_alphanumeric();
            if inside_a_word
                && (self.places == Places::WordStarts || rest.first().is_none_or(u8::is_ascii_alphanumeric))
            {
                continue;
            }
            let root = &self.nodes[0];
            for &index in &self.ends[root.ends.start as usize..root.ends.end as usize] {
                found(index as usize, place..place);
            }
            let Some(mut node) = rest.first().map(|&b| self.root[usize::from(b)]).filter(|&n| n != 0) else {
                continue;
            };
            let mut end = place + 1;
            loop {
                let here = &self.nodes[node as usize];
                let ends = &self.ends[here.ends.start as usize..here.ends.end as usize];
                if !here.tail.is_empty() {
                    let tail = &self.tails[here.tail.start as usize..here.tail.end as usize];
                    // Byte by byte, not `starts_with`: most tails differ within a byte or
                    // two, and the call to compare slices cost more than that.
                    let text = &bytes[end..];
                    if text.len() >= tail.len() && tail.iter().zip(text).all(|(a, b)| a == b) {
                        ends.iter().for_each(|&index| found(index as usize, place..end + tail.len()));
                    }
                    break;
                }
                for &index in ends {
                    found(index as usize, place..end);
                }
                let Some(&byte) = bytes.get(end) else { break };
                end += 1;
                let edges = &self.edges[here.edges.start as usize..here.edges.end as usize];
                match edges.binary_search_by_key(&byte, |&(b, _)| b) {
                    Ok(i) => node = edges[i].1,
                    Err(_) => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (word, place) where the line goes on with the word from a place that starts the
    /// line or follows a byte that is not a letter or digit, or, with
    /// [`Places::WordStartsAndSymbols`], where the word starts with such a byte: the
    /// definition, place by place.
    fn found_by_definition(words: &[&str], line: &str, places: Places) -> Vec<(usize, usize)> {
        let bytes = line.as_bytes();
        let mut found = Vec::new();
        for place in 0..=bytes.len() {
            let boundary = place == 0 || !bytes[place - 1].is_ascii_alphanumeric();
            for (index, word) in words.iter().enumerate() {
                let symbol = word.as_bytes().first().is_some_and(|b| !b.is_ascii_alphanumeric());
                let may_start = boundary || (places == Places::WordStartsAndSymbols && symbol);
                if may_start && bytes[place..].starts_with(word.as_bytes()) {
                    found.push((index, place));
                }
            }
        }
        found
    }

    const WORDS: [&str; 13] =
        ["mentor", "men", "me", "m", "team lead", "co-led", "c++", "+", "led", "a b", "lead", ".net", "#"];
    const LINES: [&str; 9] = [
        "mentored men; co-led a team lead",
        "c++ and c+++ led, misled, ledger",
        "a b  a b a bc",
        "m",
        "",
        "team leadmentor",
        "x+y + z",
        "asp.net, .net and c# (#1)",
        "école mentor",
    ];

    #[test]
    fn each_word_is_found_at_each_place_it_may_start() {
        for places in [Places::WordStarts, Places::WordStartsAndSymbols] {
            let set = WordStarts::new(&WORDS, places);
            for line in LINES {
                let mut found = Vec::new();
                set.for_each(line.as_bytes(), |word, span| found.push((word, span.start)));
                let mut expected = found_by_definition(&WORDS, line, places);
                expected.sort_by_key(|&(word, place)| (place, word));
                found.sort_by_key(|&(word, place)| (place, word));
                assert_eq!(found, expected, "{line:?} {places:?}");
            }
        }
    }

    #[test]
    fn words_found_read_by_hand() {
        let at_word_starts = WordStarts::new(&WORDS, Places::WordStarts);
        let found_in = |set: &WordStarts, line: &str| {
            let mut found = Vec::new();
            set.for_each(line.as_bytes(), |word, span| found.push((WORDS[word], span.start)));
            found.sort_unstable();
            found
        };
        // "mentor", "men", "me" and "m" at "mentored"; not "led" inside "misled".
        assert_eq!(
            found_in(&at_word_starts, "mentored misled"),
            [("m", 0), ("m", 9), ("me", 0), ("men", 0), ("mentor", 0)]
        );
        // A symbol starts no word inside "asp.net" or "c#" at word starts only...
        assert!(found_in(&at_word_starts, "asp.net c#").is_empty());
        // ...and does where symbols may start inside words; "+" twice in "c++", "c++" once.
        let with_symbols = WordStarts::new(&WORDS, Places::WordStartsAndSymbols);
        assert_eq!(found_in(&with_symbols, "asp.net c#"), [("#", 9), (".net", 3)]);
        assert_eq!(found_in(&with_symbols, "c++"), [("+", 1), ("+", 2), ("c++", 0)]);
        // The empty word is found at the start and after every byte that is not a letter or
        // digit: places 0 and 3 of "ab c" (2 and 4 follow "b" and "c").
        let with_empty = WordStarts::new(&["", "ab"], Places::WordStarts);
        let mut found = Vec::new();
        with_empty.for_each(b"ab c", |word, span| found.push((word, span.start)));
        found.sort_unstable();
        assert_eq!(found, [(0, 0), (0, 3), (1, 0)]);
        // A word given twice is found twice.
        let twice = WordStarts::new(&["go", "go"], Places::WordStarts);
        let mut found = Vec::new();
        twice.for_each(b"go", |word, span| found.push((word, span.start, span.end)));
        found.sort_unstable();
        assert_eq!(found, [(0, 0, 2), (1, 0, 2)]);
    }

    #[test]
    fn a_long_word_is_built_and_found_without_recursion() {
        // A user's taxonomy can hold any word: a million bytes would overflow a thread's
        // stack if each byte's node were a call deeper.
        let long = "a".repeat(1_000_000);
        let set = WordStarts::new(&[long.as_str(), "ab"], Places::WordStarts);
        let mut found = Vec::new();
        set.for_each(format!("{long} ab").as_bytes(), |word, span| found.push((word, span)));
        assert_eq!(found, [(0, 0..1_000_000), (1, 1_000_001..1_000_003)]);
    }
}
