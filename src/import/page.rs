//! A document copied from a government web page brings the page with it: the site's
//! name, navigation, breadcrumbs (`当前位置：首页 > 政务公开 > …`), the catalogue block
//! (政务公开 metadata, read by [`super::metadata`]), the page's own heading repeating the
//! document's title, `字号：大 中 小`, and at the foot `打印本页 关闭窗口`, share buttons and
//! the site's imprint. This module owns finding those lines at the top and the bottom of
//! the text and taking them out of it, each one reported. The same kind of line inside
//! the text is left where it is and reported, since there it may be the plan's own.

use super::headings::classify;
use super::metadata::{self, Field, Pair};
use super::report::Dropped;
use super::text::{Line, char_len, has_sentence_punct, trim};

/// The lines the page added, and what was read from its catalogue block.
#[derive(Debug, Default)]
pub struct Page {
    pub pairs: Vec<Pair>,
    pub dropped: Vec<Dropped>,
    /// Lines inside the text that look like the page's (line, text, why): kept.
    pub kept: Vec<(usize, String, String)>,
}

/// How far down the top of a page is looked at, in non-blank lines.
const TOP: usize = 40;

/// Takes the page's lines out of the text.
pub fn strip(lines: Vec<Line>) -> (Vec<Line>, Page) {
    let mut page = Page::default();
    let mut drop: Vec<Option<String>> = vec![None; lines.len()];
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    // The top ends where the document's running text or its first heading starts: above
    // it a line that reads as page furniture is the page's.
    let top = nonblank
        .iter()
        .take(TOP)
        .position(|&i| {
            let t = lines[i].trimmed();
            t.contains('。') || classify(t).is_some()
        })
        .unwrap_or_else(|| nonblank.len().min(TOP));

    let mut p = 0;
    while p < top {
        let line = &lines[nonblank[p]];
        let t = line.trimmed();
        if let Some(found) = metadata::pairs(t) {
            let mut refs = vec![(line.no, t.to_string())];
            let mut found: Vec<(&metadata::Label, String)> = found;
            // A label alone on its line has its value on the next one (an HTML table).
            let next = nonblank.get(p + 1).map(|&i| &lines[i]);
            if let (Some((_, value)), Some(next)) = (found.last_mut(), next)
                && value.is_empty()
                && p + 1 < top
                && is_value_line(next.trimmed())
            {
                *value = next.trimmed().to_string();
                refs.push((next.no, next.trimmed().to_string()));
                drop[nonblank[p + 1]] = Some(why_pairs(&found));
            }
            drop[nonblank[p]] = Some(why_pairs(&found));
            // The page's own labels (来源, 字号) say nothing about the document.
            for (label, value) in found.into_iter().filter(|(l, _)| l.field != Field::Page) {
                page.pairs.push(Pair {
                    label: label.name,
                    field: label.field,
                    value,
                    lines: refs.clone(),
                });
            }
            p += refs.len();
            continue;
        }
        if let Some(what) = furniture(t).or_else(|| site_name(t)) {
            drop[nonblank[p]] = Some(what.to_string());
        }
        p += 1;
    }
    repeated_heading(&lines, &nonblank[..top], &mut drop);

    // The foot: from the last line up, while the lines are the page's. A plan may end
    // with a line such as `来源：统计局` under its last table, so labelled lines alone
    // are taken only from a text that is a web page by other signs: a button, the
    // imprint, the navigation at the foot, or anything taken from the top.
    let mut foot = Vec::new();
    let mut page_like = drop.iter().any(Option::is_some);
    for &i in nonblank[top..].iter().rev() {
        let t = lines[i].trimmed();
        let what = match metadata::pairs(t) {
            Some(found) => Some(why_pairs(&found)),
            None => furniture(t)
                .inspect(|_| page_like = true)
                .map(str::to_string),
        };
        match what {
            Some(w) => foot.push((i, w)),
            None => break,
        }
    }
    if page_like {
        for (i, why) in foot {
            drop[i] = Some(why);
        }
    }

    for (i, line) in lines.iter().enumerate() {
        if let Some(why) = &drop[i] {
            page.dropped.push(Dropped {
                line: line.no,
                text: line.trimmed().to_string(),
                why: why.clone(),
            });
        } else if !line.is_blank()
            && let Some(why) = inside(line.trimmed())
        {
            page.kept.push((line.no, line.trimmed().to_string(), why));
        }
    }
    let kept = lines
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| d.is_none())
        .map(|(l, _)| l)
        .collect();
    (kept, page)
}

/// Whether a line looks like the page's rather than the document's: a breadcrumb, the
/// navigation, buttons, or a catalogue line. The page-break repair never joins one.
pub fn looks_like_page(t: &str) -> bool {
    furniture(t).is_some() || metadata::pairs(t).is_some()
}

/// Why a line inside the text is worth a look: it reads like the page's, not the plan's.
fn inside(t: &str) -> Option<String> {
    if let Some(what) = furniture(t) {
        return Some(format!(
            "looks like the web page's {what}, but stands inside the text; kept"
        ));
    }
    let found = metadata::pairs(t)?;
    let labels: Vec<&str> = found
        .iter()
        .filter(|(l, _)| l.field != Field::Page)
        .map(|(l, _)| l.name)
        .collect();
    (!labels.is_empty()).then(|| {
        format!(
            "reads like the page's catalogue block ({}), but stands inside the text; kept, not read",
            labels.join("、")
        )
    })
}

fn why_pairs(found: &[(&metadata::Label, String)]) -> String {
    let labels: Vec<&str> = found.iter().map(|(l, _)| l.name).collect();
    if found.iter().all(|(l, _)| l.field == Field::Page) {
        format!("the page's own information ({})", labels.join("、"))
    } else {
        format!(
            "the page's catalogue block ({}), read into the front matter",
            labels.join("、")
        )
    }
}

/// The value of a label on the line before: short, not itself a label or furniture,
/// not a sentence.
fn is_value_line(t: &str) -> bool {
    !t.is_empty()
        && char_len(t) <= 60
        && !t.contains('。')
        && metadata::pairs(t).is_none()
        && furniture(t).is_none()
}

/// Breadcrumbs, navigation, buttons and the site's imprint.
pub fn furniture(t: &str) -> Option<&'static str> {
    let t = trim(t);
    if t.is_empty() {
        return None;
    }
    if breadcrumb(t) {
        return Some("breadcrumb");
    }
    if ["版权所有", "ICP备", "公网安备", "Copyright", "©"]
        .iter()
        .any(|w| t.contains(w))
        && !t.contains('。')
    {
        return Some("site imprint");
    }
    let tokens: Vec<&str> = t
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '|' | '｜' | '丨' | '·' | '[' | ']' | '【' | '】' | '［' | '］' | '：' | ':'
                )
        })
        .filter(|s| !s.is_empty())
        .collect();
    // Not a lone 大 or 中: at least one word of a button's own.
    if tokens.iter().any(|w| char_len(w) > 1) && tokens.iter().all(|w| BUTTONS.contains(w)) {
        return Some("page buttons");
    }
    let nav = tokens
        .iter()
        .filter(|w| NAVIGATION.contains(w) || w.starts_with("走进"))
        .count();
    if tokens.len() >= 3 && nav >= 2 && tokens.iter().all(|w| char_len(w) <= 8) {
        return Some("navigation");
    }
    None
}

const BUTTONS: &[&str] = &[
    "打印本页",
    "打印此页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "返回顶部",
    "返回",
    "收藏",
    "加入收藏",
    "分享",
    "分享到",
    "微信",
    "微博",
    "QQ空间",
    "QQ",
    "扫一扫在手机打开当前页",
    "扫一扫",
    "在手机打开当前页",
    "我要纠错",
    "纠错",
    "字号",
    "大",
    "中",
    "小",
];

const NAVIGATION: &[&str] = &[
    "首页",
    "网站首页",
    "政务公开",
    "政府信息公开",
    "信息公开",
    "政务服务",
    "办事服务",
    "网上办事",
    "互动交流",
    "政民互动",
    "公众参与",
    "新闻中心",
    "新闻动态",
    "数据开放",
    "网站地图",
    "联系我们",
    "使用帮助",
    "无障碍",
    "长者模式",
];

/// `当前位置：首页 > 政务公开 > 政策文件`, `首页>…>正文`.
fn breadcrumb(t: &str) -> bool {
    const HERE: [&str; 6] = [
        "您当前的位置",
        "您现在的位置",
        "当前所在位置",
        "当前位置",
        "您的位置",
        "所在位置",
    ];
    if HERE.iter().any(|h| t.starts_with(h)) {
        return true;
    }
    let parts: Vec<&str> = t.split(['>', '＞', '›', '»', '→']).map(trim).collect();
    parts.len() >= 2
        && matches!(parts[0], "首页" | "网站首页" | "主页")
        && parts.iter().all(|p| !p.is_empty() && char_len(p) <= 20)
}

/// The site's name at the top: `某区人民政府门户网站`.
fn site_name(t: &str) -> Option<&'static str> {
    let named = ["门户网站", "政府网站", "官方网站", "政府网", "政务网"]
        .iter()
        .any(|s| t.ends_with(s));
    (named && char_len(t) <= 30 && !has_sentence_punct(t)).then_some("site name")
}

/// The page's heading repeats the document's title further down (on one line, where
/// the document may break it over two or three): the first copy is the page's.
fn repeated_heading(lines: &[Line], top: &[usize], drop: &mut [Option<String>]) {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let open: Vec<usize> = top.iter().copied().filter(|&i| drop[i].is_none()).collect();
    for (k, &i) in open.iter().enumerate() {
        let heading = squash(lines[i].trimmed());
        if char_len(&heading) < 6 {
            continue;
        }
        for start in k + 1..open.len() {
            let mut joined = String::new();
            for &j in open.iter().skip(start).take(3) {
                joined.push_str(&squash(lines[j].trimmed()));
                if joined == heading {
                    drop[i] = Some(format!(
                        "the page's heading, repeating the document's title at line {}",
                        lines[open[start]].no
                    ));
                    return;
                }
                if !heading.starts_with(&joined) {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    #[test]
    fn recognises_furniture() {
        assert_eq!(
            furniture("当前位置：首页 > 政务公开 > 政策文件"),
            Some("breadcrumb")
        );
        assert_eq!(furniture("首页>政务公开>正文"), Some("breadcrumb"));
        assert_eq!(furniture("【打印本页】【关闭窗口】"), Some("page buttons"));
        assert_eq!(furniture("打印本页 关闭窗口"), Some("page buttons"));
        assert_eq!(
            furniture("首页 | 政务公开 | 政务服务 | 互动交流"),
            Some("navigation")
        );
        assert_eq!(furniture("测ICP备00000000号"), Some("site imprint"));
        assert_eq!(furniture("一、总体要求"), None);
        assert_eq!(furniture("大力发展首页经济，政务公开。"), None);
        assert_eq!(site_name("某区人民政府门户网站"), Some("site name"));
    }

    #[test]
    fn strips_the_top_and_the_foot_and_reads_the_catalogue() {
        let text = "某区人民政府门户网站\n当前位置：首页 > 政务公开\n索引号\n1150/2022-00035\n[ 有效性 ] 有效\n\n某区方案的通知\n字号：大 中 小\n某区方案的\n通知\n各单位：\n现印发给你们。\n\n正文。\n来源：统计局\n\n打印本页 关闭窗口\n";
        let (kept, page) = strip(split(text).lines);
        let texts: Vec<&str> = kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "",
                "某区方案的",
                "通知",
                "各单位：",
                "现印发给你们。",
                "",
                "正文。",
                ""
            ]
        );
        let dropped: Vec<usize> = page.dropped.iter().map(|d| d.line).collect();
        assert_eq!(dropped, [1, 2, 3, 4, 5, 7, 8, 15, 17]);
        assert_eq!(page.pairs.len(), 2);
        assert_eq!(page.pairs[0].value, "1150/2022-00035");
        assert_eq!(page.pairs[0].lines.len(), 2);
        assert!(page.dropped[5].why.contains("at line 9"));
    }

    #[test]
    fn a_plan_ending_with_a_source_line_is_not_a_page() {
        let text = "一、总体要求\n\n正文。\n\n来源：统计局\n";
        let (kept, page) = strip(split(text).lines);
        assert_eq!(kept.len(), 5);
        assert!(page.dropped.is_empty());
        let text = "一、总体要求\n\n正文。\n\n来源：统计局\n打印本页\n";
        let (kept, page) = strip(split(text).lines);
        assert_eq!(kept.len(), 4);
        assert_eq!(page.dropped.len(), 2);
    }

    #[test]
    fn furniture_inside_the_text_stays() {
        let text = "一、总体要求\n\n当前位置：首页 > 政务公开\n\n正文。\n";
        let (kept, page) = strip(split(text).lines);
        assert_eq!(kept.len(), 5);
        assert!(page.dropped.is_empty());
        assert_eq!(page.kept.len(), 1);
    }
}
