//! What of a rendered page is searched: the text of its `<main data-search-body>`,
//! cut into sections at every heading that has an id, so that a result can link to
//! the heading it was found under. Navigation, charts, scripts, buttons and whatever
//! a template marks `data-search-ignore` are left out. Fields are joined the way a
//! Chinese reader writes them: a term and its value with 「：」, items with 「；」.

use html5gum::{Token, Tokenizer};

/// The searchable text of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The page's `<h1>`.
    pub title: String,
    /// The text before the first heading, then one section per heading with an id.
    pub sections: Vec<Section>,
    /// Other names of what the page is about, from elements marked
    /// `data-search-names` (an indicator's other wordings, a unit's other spellings),
    /// split at 「；」 and 「、」.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's id (empty for the text before the first heading).
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Elements whose content is never searched.
const SKIPPED: &[&[u8]] = &[
    b"nav",
    b"svg",
    b"script",
    b"style",
    b"template",
    b"button",
    b"noscript",
];

/// What ends a block: the separator written after it unless the text already ends in
/// punctuation.
fn separator(tag: &[u8]) -> Option<&'static str> {
    match tag {
        b"dt" => Some("："),
        b"td" | b"th" | b"br" => Some(" "),
        b"p" | b"li" | b"dd" | b"tr" | b"caption" | b"figcaption" | b"div" | b"blockquote"
        | b"section" | b"table" | b"ul" | b"ol" | b"dl" | b"pre" | b"figure" => Some("；"),
        _ => None,
    }
}

fn is_heading(tag: &[u8]) -> Option<u8> {
    match tag {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// Where the text being read goes.
enum Into {
    Title,
    Heading,
    Body,
}

/// Reads the searchable text of `html`. A page without `data-search-body` gives an
/// empty document.
pub fn document(html: &[u8]) -> Document {
    let mut doc = Document {
        title: String::new(),
        sections: vec![Section::default()],
        names: Vec::new(),
    };
    // Depth inside the body element; 0 = outside.
    let mut body: Option<(Vec<u8>, usize)> = None;
    // The element being skipped and how deep inside it.
    let mut skipping: Option<(Vec<u8>, usize)> = None;
    let mut into = Into::Body;
    // The element whose text is also a list of names, and how deep inside it.
    let mut naming: Option<(Vec<u8>, usize, String)> = None;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                if let Some((skipped, depth)) = &mut skipping {
                    if !tag.self_closing && name == skipped.as_slice() {
                        *depth += 1;
                    }
                    continue;
                }
                let attr = |key: &[u8]| tag.attributes.get(key).map(|v| v.value.as_slice());
                match &mut body {
                    None => {
                        if attr(b"data-search-body").is_some() && !tag.self_closing {
                            body = Some((name.to_vec(), 1));
                        }
                        continue;
                    }
                    Some((element, depth)) => {
                        if name == element.as_slice() && !tag.self_closing {
                            *depth += 1;
                        }
                    }
                }
                let ignored = SKIPPED.contains(&name)
                    || attr(b"data-search-ignore").is_some()
                    || attr(b"aria-hidden") == Some(b"true".as_slice())
                    || attr(b"hidden").is_some();
                if ignored {
                    if !tag.self_closing && !is_void(name) {
                        skipping = Some((name.to_vec(), 1));
                    }
                    continue;
                }
                if let Some((element, depth, _)) = &mut naming
                    && name == element.as_slice()
                    && !tag.self_closing
                {
                    *depth += 1;
                }
                if naming.is_none() && attr(b"data-search-names").is_some() && !tag.self_closing {
                    naming = Some((name.to_vec(), 1, String::new()));
                }
                if let Some(level) = is_heading(name) {
                    if level == 1 {
                        into = Into::Title;
                    } else if let Some(id) = attr(b"id") {
                        doc.sections.push(Section {
                            anchor: String::from_utf8_lossy(id).into_owned(),
                            ..Section::default()
                        });
                        into = Into::Heading;
                    } else {
                        end_block(current(&mut doc), "；");
                    }
                } else if name == b"br" {
                    push_text(target(&mut doc, &into), " ");
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                if let Some((skipped, depth)) = &mut skipping {
                    if name == skipped.as_slice() {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    continue;
                }
                let Some((element, depth)) = &mut body else {
                    continue;
                };
                if name == element.as_slice() {
                    *depth -= 1;
                    if *depth == 0 {
                        break;
                    }
                }
                if let Some((element, depth, text)) = &mut naming
                    && name == element.as_slice()
                {
                    *depth -= 1;
                    if *depth == 0 {
                        for part in text.split(['；', '、', ';']) {
                            let part = tidy(part);
                            if !part.is_empty() {
                                doc.names.push(part);
                            }
                        }
                        naming = None;
                    }
                }
                if is_heading(name).is_some() {
                    if matches!(into, Into::Body) {
                        end_block(current(&mut doc), "；");
                    }
                    into = Into::Body;
                } else if let Some(sep) = separator(name) {
                    end_block(target(&mut doc, &into), sep);
                }
            }
            Token::String(text) if body.is_some() && skipping.is_none() => {
                let text = String::from_utf8_lossy(&text.value);
                if let Some((_, _, names)) = &mut naming {
                    names.push_str(&text);
                }
                push_text(target(&mut doc, &into), &text);
            }
            _ => {}
        }
    }
    doc.title = tidy(&doc.title);
    for section in &mut doc.sections {
        section.heading = tidy(&section.heading);
        section.text = tidy(&section.text);
    }
    if doc.sections.len() > 1 && doc.sections[0].text.is_empty() {
        doc.sections.remove(0);
    }
    doc
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br" | b"img" | b"input" | b"hr" | b"meta" | b"link" | b"wbr" | b"source" | b"col"
    )
}

fn current(doc: &mut Document) -> &mut String {
    let last = doc.sections.len() - 1;
    &mut doc.sections[last].text
}

fn target<'a>(doc: &'a mut Document, into: &Into) -> &'a mut String {
    match into {
        Into::Title => &mut doc.title,
        Into::Heading => {
            let last = doc.sections.len() - 1;
            &mut doc.sections[last].heading
        }
        Into::Body => current(doc),
    }
}

/// Adds text with its runs of white space made one space.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Whether text ending in `c` needs no separator after it.
fn ends_clause(c: char) -> bool {
    "。；：！？，、；:;!?,".contains(c)
}

fn end_block(out: &mut String, sep: &str) {
    while out.ends_with(' ') {
        out.pop();
    }
    match out.chars().last() {
        None => {}
        Some(c) if ends_clause(c) && sep == " " => out.push(' '),
        Some(c) if ends_clause(c) => {}
        Some(_) => out.push_str(sep),
    }
}

/// Trims spaces and trailing separators; a space between two Han characters is
/// dropped, since the templates' line breaks are not the text's.
fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let cjk = |c: Option<char>| {
                c.is_some_and(|c| {
                    super::tokens::is_han(c) || ends_clause(c) || "（）《》「」".contains(c)
                })
            };
            if cjk(before) && cjk(after) {
                continue;
            }
        }
        out.push(c);
    }
    while out.ends_with('；') || out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_body_and_cuts_it_at_headings_with_ids() {
        let html = "<html><head><title>x</title></head><body><nav>首页</nav>\
            <main data-search-body><nav>当前位置</nav><h1>万州区规划</h1><p>导言</p>\
            <h2 id=\"task-1\">一、任务</h2><p>加强 专利\n保护</p><ul><li>甲</li><li>乙。</li></ul>\
            <figure class=\"chart\" data-search-ignore><p>图</p><svg><text>1</text></svg></figure>\
            <h3>无编号</h3><p>丙</p>\
            <dl><dt>层级</dt><dd>区</dd><dt>上级</dt><dd>重庆市</dd></dl>\
            <dl><dt>又写作</dt><dd data-search-names>区市场监管局、市场监管局</dd></dl></main><footer>页脚</footer></body></html>";
        let doc = document(html.as_bytes());
        assert_eq!(doc.names, ["区市场监管局", "市场监管局"]);
        assert_eq!(doc.title, "万州区规划");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].text, "导言");
        assert_eq!(doc.sections[1].anchor, "task-1");
        assert_eq!(doc.sections[1].heading, "一、任务");
        assert_eq!(
            doc.sections[1].text,
            "加强专利保护；甲；乙。无编号；丙；层级：区；上级：重庆市；又写作：区市场监管局、市场监管局"
        );
    }

    #[test]
    fn table_cells_are_spaced_and_rows_end_in_a_semicolon() {
        let html = "<main data-search-body><table><tr><th>指标</th><th>2025年</th></tr>\
            <tr><td>PCT 申请量</td><td>44.42</td></tr></table></main>";
        let doc = document(html.as_bytes());
        assert_eq!(doc.sections[0].text, "指标 2025年；PCT 申请量 44.42");
    }

    #[test]
    fn a_page_without_a_search_body_is_empty() {
        assert_eq!(document(b"<main><p>x</p></main>").sections[0].text, "");
    }
}
