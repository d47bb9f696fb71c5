//! Plan bundles: each plan's metadata (a pure function of its region and number, so any
//! plan can cite any other by title) and its index.md: front matter and about 15 KB of
//! text with the heading hierarchy of the bundled plans, 责任单位 annotations and 《》
//! citations. The indicator rows and indicators.md are rows.rs's.

use std::fmt::Write;

use crate::catalogue::Indicator;
use crate::regions::{LevelExt, Region};
use crate::rng::Rng;
use crate::rows::{self, Row, Rows, table_years};
use crate::text::{self, numeral};

/// A kind of plan every region may have: (id part, 体裁, core of the title with `{lv}`
/// for the level's character, first year, last year, whether the title states the years).
type Template = (&'static str, &'static str, &'static str, u16, u16, bool);

#[rustfmt::skip]
const TEMPLATES: [Template; 10] = [
    ("ip-plan", "规划", "知识产权保护和运用“十四五”", 2021, 2025, false),
    ("ip-strong-action-plan", "行动计划", "知识产权强{lv}建设", 2025, 2027, true),
    ("ip-pilot-scheme", "实施方案", "知识产权试点示范建设", 2024, 2026, true),
    ("ip-work-points-2025", "工作要点", "2025年知识产权", 2025, 2025, false),
    ("ip-strong-outline", "纲要", "知识产权强{lv}建设", 2021, 2035, true),
    ("ip-protection-opinions", "意见", "关于强化知识产权保护的", 2022, 2025, false),
    ("patent-transformation-work-plan", "工作方案", "专利转化运用专项行动", 2023, 2025, true),
    ("gi-protection-scheme", "实施方案", "地理标志保护工程", 2024, 2026, true),
    ("trademark-brand-action-plan", "行动计划", "商标品牌战略", 2025, 2027, true),
    ("copyright-plan", "规划", "版权产业发展“十四五”", 2021, 2025, false),
];

/// Documents the plans cite that are not on the site.
const NATIONAL: [&str; 8] = [
    "知识产权强国建设纲要（2021—2035年）",
    "“十四五”国家知识产权保护和运用规划",
    "中华人民共和国专利法",
    "中华人民共和国商标法",
    "中华人民共和国著作权法",
    "关于强化知识产权保护的意见",
    "知识产权公共服务“十四五”规划",
    "推动知识产权高质量发展年度工作指引",
];

pub struct PlanMeta {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// The title without its trailing （2025—2027年）, when it has one.
    pub bare_title: Option<String>,
    pub kind: &'static str,
    pub start: u16,
    pub end: u16,
    template: usize,
}

/// Plan `k` of region `r`. Consecutive regions start at different templates, so every
/// kind of plan is common whatever `--plans-per-region` is; a region with more plans
/// than templates gets a second round (第二期 …) with its own titles.
pub fn meta(regions: &[Region], r: usize, k: usize) -> PlanMeta {
    let region = &regions[r];
    let t = (r + k) % TEMPLATES.len();
    let round = k / TEMPLATES.len();
    let (slug, kind, core, start, end, years) = TEMPLATES[t];
    let core = core.replace("{lv}", region.level.prefix());
    let round_text = if round == 0 {
        String::new()
    } else {
        format!("（第{}期）", numeral(round + 1))
    };
    let bare = format!("{}{core}{kind}{round_text}（测试）", region.full);
    let short_title = format!("{}{core}{kind}{round_text}（测试）", region.name);
    let mut id = format!("{}-{slug}", region.id);
    if years {
        let _ = write!(id, "-{start}-{end}");
    }
    if round > 0 {
        let _ = write!(id, "-p{}", round + 1);
    }
    let (title, bare_title) = if years {
        (format!("{bare}（{start}—{end}年）"), Some(bare))
    } else {
        (bare, None)
    };
    PlanMeta {
        id,
        title,
        short_title,
        bare_title,
        kind,
        start,
        end,
        template: t,
    }
}

impl PlanMeta {
    /// How another plan writes this one's title in 《》: in full, short, without its
    /// years, or with an ASCII dash; planpub must link every one of them.
    pub fn cited(&self, rng: &mut Rng) -> String {
        match (rng.below(4), &self.bare_title) {
            (0, _) => self.short_title.clone(),
            (1, Some(bare)) => bare.clone(),
            (2, _) => self.title.replace('—', "-"),
            _ => self.title.clone(),
        }
    }
}

/// Context for writing one plan.
pub struct PlanInput<'a> {
    pub regions: &'a [Region],
    pub catalogue: &'a [Indicator],
    pub tops: &'a [usize],
    pub plans_per_region: usize,
    pub region: usize,
    pub k: usize,
    pub seed: u64,
}

/// Writes index.md into `index` and indicators.md into `table` (both cleared first) and
/// returns the plan's id, its folder name.
pub fn write_plan(input: &PlanInput, index: &mut String, table: &mut String) -> String {
    index.clear();
    table.clear();
    let PlanInput {
        regions,
        catalogue,
        plans_per_region: ppr,
        region: r,
        k,
        seed,
        ..
    } = *input;
    let region = &regions[r];
    let me = meta(regions, r, k);
    let mut rng = Rng::stream(seed, 3, (r * ppr + k) as u64);

    // What the plan is based on: a plan of the enclosing region, else an earlier plan
    // of its own. Both point up or back, so based_on never forms a cycle.
    let mut basis: Vec<PlanMeta> = Vec::new();
    if let Some(p) = region.parent {
        basis.push(meta(regions, p, rng.below(ppr)));
    }
    if k > 0 && (basis.is_empty() || rng.chance(30)) {
        basis.push(meta(regions, r, rng.below(k)));
    }
    // Work points belong to the region's first plan.
    let parent = (me.template == 3 && k > 0).then(|| meta(regions, r, 0).id);

    let tasks = rng.range(10, 13) as usize;
    let Rows {
        rows,
        task_statements,
    } = rows::rows(catalogue, region, &me, tasks, &mut rng);

    // planpub refuses a 发文字号 used twice; plan k of region r gets its own number.
    let number = input.region * input.plans_per_region + input.k + 1;
    front_matter(
        index,
        region,
        &me,
        &basis,
        parent.as_deref(),
        number,
        &mut rng,
    );
    body(index, input, &me, &basis, &rows, &task_statements, &mut rng);
    rows::indicators(table, catalogue, &rows, &me);
    me.id
}

fn front_matter(
    buf: &mut String,
    region: &Region,
    me: &PlanMeta,
    basis: &[PlanMeta],
    parent: Option<&str>,
    number: usize,
    rng: &mut Rng,
) {
    // Yearly work points are written early in their year, other plans in the year
    // before they start or in their first year.
    let written_year = if me.start == me.end {
        me.start
    } else {
        me.start - rng.range(0, 1) as u16
    };
    let month = rng.range(1, 12);
    let day = rng.range(1, 25);
    let core: String = {
        let mut chars = region.name.chars();
        chars.next_back();
        chars.collect()
    };
    let issuer = format!("{}人民政府", region.full);
    buf.push_str("---\n");
    let _ = writeln!(buf, "title: {}", me.title);
    let _ = writeln!(buf, "short_title: {}", me.short_title);
    let _ = writeln!(buf, "region: {}", region.id);
    let _ = writeln!(buf, "kind: {}", me.kind);
    let _ = writeln!(buf, "issuers: [{issuer}]");
    // The draw stays, so the rest of the corpus is the one it always was.
    let _ = rng.range(1, 60);
    let _ = writeln!(buf, "doc_number: {core}府发〔{written_year}〕{number}号");
    let _ = writeln!(buf, "date_written: {written_year}-{month:02}-{day:02}");
    let _ = writeln!(
        buf,
        "date_published: {written_year}-{month:02}-{:02}",
        day + rng.range(1, 3)
    );
    let _ = writeln!(buf, "period: {{start: {}, end: {}}}", me.start, me.end);
    if rng.chance(70) {
        buf.push_str("status: 现行有效\n");
    }
    if let Some(p) = parent {
        let _ = writeln!(buf, "parent: {p}");
    }
    let ids: Vec<&str> = basis.iter().map(|b| b.id.as_str()).collect();
    let _ = writeln!(buf, "based_on: [{}]", ids.join(", "));
    buf.push_str("topics: [知识产权]\n");
    let prefix = region.level.prefix();
    if rng.chance(60) {
        buf.push_str("notice:\n");
        let _ = writeln!(buf, "  title: 关于印发《{}》的通知", me.title);
        let _ = writeln!(buf, "  addressees: 各有关单位，{prefix}政府各部门");
        let _ = writeln!(
            buf,
            "  text: 《{}》已经{prefix}政府同意，现印发给你们，请认真抓好落实。",
            me.title
        );
        let _ = writeln!(buf, "  signed: {issuer}");
        let _ = writeln!(buf, "  date: {written_year}-{month:02}-{day:02}");
        buf.push_str("  disclosure: 此件公开发布\n");
        let _ = writeln!(
            buf,
            "copied_to: [{prefix}委办公室, {prefix}人大常委会办公室, {prefix}政协办公室]"
        );
        let _ = writeln!(buf, "printed_by: {issuer}办公室");
        let _ = writeln!(
            buf,
            "date_printed: {written_year}-{month:02}-{:02}",
            day + rng.range(1, 3)
        );
    }
    if rng.chance(10) {
        buf.push_str("errata:\n");
        buf.push_str("  - what: 本文件为合成测试数据，此条勘误仅用于测试勘误的显示。\n");
        buf.push_str("    why: gen-corpus 为性能测试生成。\n");
    }
    buf.push_str("---\n");
}

/// How one level of heading is written in this plan's style.
struct Style {
    chapters: bool,
}

impl Style {
    /// A top-level part: `## 一、总体要求` or `## 第一章 总体要求`.
    fn part(&self, buf: &mut String, n: usize, title: &str, anchor: Option<&str>) {
        if self.chapters {
            let _ = write!(buf, "## 第{}章 {title}", numeral(n));
        } else {
            let _ = write!(buf, "## {}、{title}", numeral(n));
        }
        anchor_line(buf, anchor);
    }

    /// A section: `### （一）指导思想` or `### 第一节 指导思想`.
    fn section(&self, buf: &mut String, n: usize, title: &str, anchor: Option<&str>) {
        if self.chapters {
            let _ = write!(buf, "### 第{}节 {title}", numeral(n));
        } else {
            let _ = write!(buf, "### （{}）{title}", numeral(n));
        }
        anchor_line(buf, anchor);
    }
}

fn anchor_line(buf: &mut String, anchor: Option<&str>) {
    if let Some(a) = anchor {
        let _ = write!(buf, " {{#{a}}}");
    }
    buf.push_str("\n\n");
}

fn annotation(buf: &mut String, region: &Region, rng: &mut Rng) {
    let units = region.units(rng, 5);
    let _ = write!(buf, "（责任单位：{}", units.join("、"));
    if rng.chance(25) {
        buf.push_str("按职责分工负责");
    }
    buf.push('）');
}

fn body(
    buf: &mut String,
    input: &PlanInput,
    me: &PlanMeta,
    basis: &[PlanMeta],
    rows: &[Row],
    task_statements: &[Vec<String>],
    rng: &mut Rng,
) {
    let PlanInput {
        regions,
        tops,
        plans_per_region: ppr,
        region: r,
        k,
        ..
    } = *input;
    let region = &regions[r];
    let style = Style {
        chapters: matches!(me.kind, "规划" | "纲要"),
    };
    let this = if me.kind == "意见" {
        "本意见".to_string()
    } else {
        format!("本{}", me.kind)
    };

    // Preamble: what the plan implements, in 《》.
    buf.push_str("为深入贯彻落实党中央、国务院关于知识产权工作的决策部署，根据");
    let _ = write!(buf, "《{}》", rng.pick(&NATIONAL));
    for b in basis {
        let _ = write!(buf, "《{}》", b.cited(rng));
    }
    let _ = writeln!(
        buf,
        "等文件精神，结合{}实际，制定{this}。本文件为合成测试数据，不是真实的政府文件。\n",
        region.name
    );

    // 总体要求, with the goals that indicators.md records under `goals`.
    let mut part = 1;
    style.part(buf, part, "总体要求", Some("general"));
    text::sentences(rng, buf, 3);
    buf.push_str("\n\n");
    style.section(buf, 1, "指导思想", None);
    text::sentences(rng, buf, 3);
    buf.push_str("\n\n");
    style.section(buf, 2, "基本原则", None);
    text::sentences(rng, buf, 3);
    buf.push_str("\n\n");
    style.section(buf, 3, "发展目标", Some("goals"));
    let _ = write!(buf, "到{}年，", me.end);
    let goals: Vec<String> = rows
        .iter()
        .filter(|row| row.section == "goals")
        .map(Row::statement)
        .collect();
    if goals.is_empty() {
        buf.push_str("各项目标任务全面完成");
    } else {
        buf.push_str(&goals.join("，"));
    }
    buf.push('。');
    text::sentences(rng, buf, 2);
    buf.push_str("\n\n");

    // 重点任务: groups of numbered tasks, each ending with its 责任单位.
    let tasks = task_statements.len();
    let groups = rng.sample(text::GROUPS.len(), 4 + tasks % 2);
    let per_group = tasks.div_ceil(groups.len());
    if !style.chapters {
        part += 1;
        style.part(buf, part, "重点任务", None);
    }
    let mut task = 0;
    for (g, &group) in groups.iter().enumerate() {
        if task >= tasks {
            break;
        }
        if style.chapters {
            part += 1;
            style.part(buf, part, text::GROUPS[group], None);
        } else {
            let _ = write!(
                buf,
                "### （{}）{}。\n\n",
                numeral(g + 1),
                text::GROUPS[group]
            );
        }
        for n in 0..per_group.min(tasks - task) {
            task += 1;
            if style.chapters {
                let _ = write!(buf, "### 第{}节 ", numeral(n + 1));
                text::task_title(rng, buf);
                buf.pop();
            } else {
                let _ = write!(buf, "#### {task}．");
                text::task_title(rng, buf);
            }
            let _ = write!(buf, " {{#task-{task}}}\n\n");
            let n = rng.range(3, 5) as usize;
            text::sentences(rng, buf, n);
            // Citations inside tasks: the region's other plans, a plan of another
            // top-level region, and documents that are not on the site.
            match rng.below(6) {
                0 if k > 0 => {
                    let other = meta(regions, r, rng.below(k));
                    let _ = write!(buf, "认真落实《{}》部署要求。", other.cited(rng));
                }
                1 if tops.len() > 1 => {
                    let top = tops[rng.below(tops.len())];
                    if top != r {
                        let other = meta(regions, top, rng.below(ppr));
                        let _ = write!(buf, "借鉴《{}》的经验做法。", other.cited(rng));
                    }
                }
                2 => {
                    let _ = write!(buf, "按照《{}》要求，", rng.pick(&NATIONAL));
                    text::sentence(rng, buf);
                }
                3 => {
                    let _ = write!(buf, "贯彻《{}知识产权保护条例（测试）》。", region.full);
                }
                _ => {}
            }
            for s in &task_statements[task - 1] {
                buf.push_str(s);
            }
            annotation(buf, region, rng);
            buf.push_str("\n\n");
        }
    }

    // 保障措施.
    part += 1;
    style.part(buf, part, "保障措施", None);
    for (n, &i) in rng.sample(text::SAFEGUARDS.len(), 4).iter().enumerate() {
        style.section(buf, n + 1, text::SAFEGUARDS[i], None);
        text::sentences(rng, buf, 2);
        buf.push_str("\n\n");
    }

    // 附件1: the table rows of indicators.md.
    let years = table_years(me.start, me.end);
    buf.push_str("## 附件1 主要指标 {#annex-1}\n\n");
    let _ = write!(buf, "| 序号 | 指标 | 单位 | {}年基数 |", me.start - 1);
    for y in &years {
        let _ = write!(buf, " {y}年 |");
    }
    buf.push_str(" 属性 | 责任单位 |\n|---|---|---|---|");
    for _ in &years {
        buf.push_str("---|");
    }
    buf.push_str("---|---|\n");
    for (n, row) in rows.iter().filter(|r| r.section == "annex-1").enumerate() {
        let base = row.baseline.as_ref().map_or("—", |(_, v)| v.as_str());
        let _ = write!(
            buf,
            "| {} | {} | {} | {base} |",
            n + 1,
            row.wording,
            row.unit
        );
        for (_, v, cmp) in &row.targets {
            let cmp = if *cmp == "=" { "" } else { cmp };
            let _ = write!(buf, " {cmp}{v} |");
        }
        let _ = writeln!(
            buf,
            " {} | {} |",
            row.attribute.unwrap_or(""),
            row.responsible.join("、")
        );
    }
    buf.push('\n');
}
