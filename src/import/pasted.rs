//! A block of text pasted into the middle of sentences by the copy, such as a
//! distribution list (各镇人民政府、各街道办事处，区委各部委……) appearing three times
//! in running text and cutting words in two (推进线上线下入……园惠企).
//!
//! A block is removed only when the fix is certain: it is at least [`MIN_BLOCK`]
//! characters long, begins and ends with a Chinese character, and is a list of names —
//! at least [`MIN_ITEMS`] short items separated by `、，；`, with at least one clause
//! comma (`，` or `；`) and no sentence end (`。！？`). An enumeration a sentence may
//! repeat (绿色照明、智能装备、食品医药) has no clause comma, and a stock phrase
//! (以习近平新时代中国特色社会主义思想为指导，深入) is not a list. The block must occur
//! verbatim at least [`MIN_TIMES`] times, and at least twice sit between two Chinese
//! characters — in the middle of a word. Every occurrence inside a line is then
//! removed and recorded; an occurrence at the start or end of a line is left.

use std::collections::{BTreeSet, HashMap};

use super::headings::{context, place};
use super::report::Erratum;
use super::text::{Line, char_len, head, is_han, tail};

pub const MIN_BLOCK: usize = 20;
pub const MIN_TIMES: usize = 3;
pub const MIN_ITEMS: usize = 4;
/// The longest item of a list of names, in characters.
const MAX_ITEM: usize = 15;
/// Above this many characters the search is skipped (and reported); plans are far
/// smaller.
const MAX_CHARS: usize = 1_000_000;

#[derive(Debug, Default)]
pub struct Pasted {
    pub blocks: Vec<String>,
    pub errata: Vec<Erratum>,
    pub notes: Vec<String>,
}

pub fn remove(lines: &mut [Line]) -> Pasted {
    let mut out = Pasted::default();
    let text_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_blank() && !lines[i].is_cell() && !lines[i].is_tab_row())
        .collect();
    let mut chars: Vec<char> = Vec::new();
    for &i in &text_lines {
        chars.extend(lines[i].text.chars());
        chars.push('\n');
    }
    if chars.len() > MAX_CHARS {
        out.notes.push(format!(
            "the text has more than {MAX_CHARS} characters; pasted blocks were not looked for"
        ));
        return out;
    }
    let mut candidates: Vec<(usize, usize, String)> = candidates(&chars)
        .into_iter()
        .filter(|b| plausible(b))
        .map(|b| {
            let (mid, all) = count(lines, &text_lines, &b);
            (mid, all, b)
        })
        .filter(|(mid, all, _)| *mid >= 2 && *all >= MIN_TIMES)
        .map(|(_, all, b)| (all, char_len(&b), b))
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, _, block) in candidates {
        let (mid, total) = count(lines, &text_lines, &block);
        if mid < 2 || total < MIN_TIMES {
            continue;
        }
        for &i in &text_lines {
            let mut from = 0;
            while let Some(at) = lines[i].text[from..].find(&block).map(|p| p + from) {
                let before = &lines[i].text[..at];
                let after = &lines[i].text[at + block.len()..];
                if before.trim().is_empty() || after.trim().is_empty() {
                    out.notes.push(format!(
                        "line {}: the repeated block “{}” stands at the start or end of the line and was left there; check it",
                        lines[i].no,
                        head(&block, 12)
                    ));
                    from = at + block.len();
                    continue;
                }
                out.errata.push(Erratum {
                    line: lines[i].no,
                    what: format!(
                        "删去{}插在“{}”与“{}”之间的一段文字“{}”。",
                        place(context(lines, i).as_deref()),
                        left_context(before),
                        head(after, 12),
                        block
                    ),
                    why: format!(
                        "这段文字在来源文本中共{total}次原样出现，至少两次夹在两个汉字之间、把词语截断，是复制时混入正文的内容，不属于原句；删去后前后文字直接相连。"
                    ),
                });
                let mut text = before.to_string();
                text.push_str(after);
                from = before.len();
                lines[i].text = text;
            }
        }
        out.blocks.push(block);
    }
    out
}

/// The words before a removal: the last characters of the sentence it is in.
fn left_context(before: &str) -> String {
    let t = tail(before, 12);
    match t.trim_end_matches('。').rfind('。') {
        Some(i) => t[i + '。'.len_utf8()..].to_string(),
        None => t,
    }
}

/// Maximal repeated stretches of at least [`MIN_BLOCK`] characters within lines.
fn candidates(chars: &[char]) -> BTreeSet<String> {
    let mut windows: HashMap<&[char], Vec<usize>> = HashMap::new();
    if chars.len() >= MIN_BLOCK {
        for p in 0..=chars.len() - MIN_BLOCK {
            let w = &chars[p..p + MIN_BLOCK];
            if !w.contains(&'\n') {
                windows.entry(w).or_default().push(p);
            }
        }
    }
    let mut found = BTreeSet::new();
    for positions in windows.values().filter(|v| v.len() >= 2) {
        for pair in positions.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            // Only the left end of a repeat starts a candidate.
            if p > 0 && chars[p - 1] == chars[q - 1] && chars[p - 1] != '\n' {
                continue;
            }
            let mut len = MIN_BLOCK;
            while q + len < chars.len()
                && chars[p + len] == chars[q + len]
                && chars[p + len] != '\n'
            {
                len += 1;
            }
            if p + len <= q {
                found.insert(chars[p..p + len].iter().collect());
            }
        }
    }
    found
}

fn plausible(block: &str) -> bool {
    let first = block.chars().next().is_some_and(is_han);
    let last = block.chars().next_back().is_some_and(is_han);
    let items: Vec<&str> = block.split(['、', '，', '；']).collect();
    first
        && last
        && char_len(block) >= MIN_BLOCK
        && block.contains(['，', '；'])
        && !block.contains(['。', '！', '？'])
        && items.len() >= MIN_ITEMS
        && items.iter().all(|i| (1..=MAX_ITEM).contains(&char_len(i)))
}

/// (occurrences between two Chinese characters, occurrences in all) in the text lines.
fn count(lines: &[Line], text_lines: &[usize], block: &str) -> (usize, usize) {
    let mut mid = 0;
    let mut all = 0;
    for &i in text_lines {
        let t = &lines[i].text;
        for (at, _) in t.match_indices(block) {
            all += 1;
            let before = t[..at].chars().next_back();
            let after = t[at + block.len()..].chars().next();
            if before.is_some_and(is_han) && after.is_some_and(is_han) {
                mid += 1;
            }
        }
    }
    (mid, all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    const BLOCK: &str = "各镇人民政府、各街道办事处，区级各部门，各人民团体，有关单位";

    #[test]
    fn removes_a_block_pasted_into_words() {
        let text = format!(
            "一、任务\n推进线上线下入{BLOCK}园惠企。\n发挥作用。{BLOCK}引导高校。\n优化整合、统{BLOCK}筹配置资金。\n"
        );
        let mut lines = split(&text).lines;
        let p = remove(&mut lines);
        assert_eq!(p.blocks, [BLOCK]);
        assert_eq!(lines[1].text, "推进线上线下入园惠企。");
        assert_eq!(lines[2].text, "发挥作用。引导高校。");
        assert_eq!(lines[3].text, "优化整合、统筹配置资金。");
        assert_eq!(p.errata.len(), 3);
        assert!(
            p.errata[0]
                .what
                .contains("“推进线上线下入”与“园惠企。”之间")
        );
        assert!(p.errata[0].what.contains("“一、任务”下的段落中"));
    }

    #[test]
    fn keeps_repeats_that_are_not_pasted() {
        // The same list of bodies, each time after a colon and before a bracket.
        let list = "区市场监管局、区科技局、区经济信息委、大足高新区、双桥工业园区发展中心";
        let text = format!(
            "甲。（责任单位：{list}）\n乙。（责任单位：{list}）\n丙。（责任单位：{list}）\n"
        );
        let mut lines = split(&text).lines;
        let before = lines.clone();
        let p = remove(&mut lines);
        assert!(p.blocks.is_empty());
        assert_eq!(lines, before);
    }

    #[test]
    fn a_sentence_repeated_twice_is_text() {
        // Two tasks ending with the same sentence and annotation: a repeat cut at
        // word boundaries both times, but sentences, and only twice.
        let text = "推进专利密集型产品备案及认定工作。（责任单位：区市场监管局，区发改委）\n开展专利密集型产品备案及认定工作。（责任单位：区市场监管局，区卫健委）\n";
        let mut lines = split(text).lines;
        assert!(remove(&mut lines).blocks.is_empty());
    }

    #[test]
    fn an_enumeration_repeated_in_sentences_is_text() {
        let list = "绿色照明、智能装备、食品医药、汽车和新材料";
        let text = format!("围绕{list}五大产业。\n推动{list}领域发展。\n围绕{list}等产业。\n");
        let mut lines = split(&text).lines;
        assert!(remove(&mut lines).blocks.is_empty());
    }

    #[test]
    fn a_stock_phrase_is_not_a_list() {
        let phrase = "以习近平新时代中国特色社会主义思想为指导，深入";
        let text = format!("坚持{phrase}学习。\n。{phrase}贯彻。\n要{phrase}推进。\n");
        let mut lines = split(&text).lines;
        assert!(remove(&mut lines).blocks.is_empty());
    }

    #[test]
    fn a_single_mid_word_occurrence_is_not_enough() {
        let text = format!("推进入{BLOCK}园惠企。\n{BLOCK}\n");
        let mut lines = split(&text).lines;
        assert!(remove(&mut lines).blocks.is_empty());
    }
}
