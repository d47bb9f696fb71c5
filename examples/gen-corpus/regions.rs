//! The regions tree: municipalities and provinces at the top, prefectures under the
//! provinces, districts and counties under the municipalities and prefectures. Names are
//! invented placeholders (a heavenly stem, as in 甲方乙方, then place-name characters),
//! so no region can be taken for a real one.

use std::collections::HashSet;
use std::fmt::Write;

use crate::rng::Rng;

pub use planpub::model::Level;

/// What the generator needs of a level beyond planpub's own model of it.
pub trait LevelExt {
    /// How region files write it: `district`.
    fn key(self) -> &'static str;
    /// The character a region's name ends with and its own bodies start with:
    /// 区 + 市场监管局, 县科技局, 市…, 省….
    fn prefix(self) -> &'static str;
    /// Rough size of the region against a district, for believable magnitudes.
    fn scale(self) -> i64;
}

impl LevelExt for Level {
    fn key(self) -> &'static str {
        Level::CHOICES
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("district", |(key, _)| key)
    }

    fn prefix(self) -> &'static str {
        match self {
            Level::Country => "国",
            Level::Province => "省",
            Level::Municipality | Level::Prefecture => "市",
            Level::District => "区",
            Level::County => "县",
        }
    }

    fn scale(self) -> i64 {
        match self {
            Level::Country => 400,
            Level::Province => 40,
            Level::Municipality => 30,
            Level::Prefecture => 8,
            Level::District | Level::County => 1,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    /// As the region names itself: 甲山区.
    pub name: String,
    /// As a title starts: 乙河省甲山市 for a prefecture, 甲山市丙川区 for a district.
    pub full: String,
    pub level: Level,
    pub parent: Option<usize>,
    /// Whether the region file groups 区市场监管局 with 甲山区市场监管局, so plans may
    /// write either.
    pub groups_units: bool,
}

const STEMS: [(&str, &str); 10] = [
    ("甲", "jia"),
    ("乙", "yi"),
    ("丙", "bing"),
    ("丁", "ding"),
    ("戊", "wu"),
    ("己", "ji"),
    ("庚", "geng"),
    ("辛", "xin"),
    ("壬", "ren"),
    ("癸", "gui"),
];

/// Place-name characters; every reading differs from every other and from the stems',
/// so ids (readings joined by `-`) are as unique as names.
const PLACES: [(&str, &str); 47] = [
    ("山", "shan"),
    ("河", "he"),
    ("川", "chuan"),
    ("阳", "yang"),
    ("安", "an"),
    ("平", "ping"),
    ("宁", "ning"),
    ("江", "jiang"),
    ("城", "cheng"),
    ("原", "yuan"),
    ("丰", "feng"),
    ("泉", "quan"),
    ("林", "lin"),
    ("台", "tai"),
    ("溪", "xi"),
    ("湖", "hu"),
    ("桥", "qiao"),
    ("庄", "zhuang"),
    ("关", "guan"),
    ("州", "zhou"),
    ("口", "kou"),
    ("门", "men"),
    ("滨", "bin"),
    ("海", "hai"),
    ("港", "gang"),
    ("津", "jin"),
    ("陵", "ling"),
    ("塘", "tang"),
    ("浦", "pu"),
    ("湾", "wan"),
    ("沙", "sha"),
    ("石", "shi"),
    ("松", "song"),
    ("梅", "mei"),
    ("兴", "xing"),
    ("华", "hua"),
    ("德", "de"),
    ("昌", "chang"),
    ("盛", "sheng"),
    ("富", "fu"),
    ("春", "chun"),
    ("秋", "qiu"),
    ("云", "yun"),
    ("龙", "long"),
    ("泽", "ze"),
    ("汇", "hui"),
    ("乐", "le"),
];

/// The `i`-th invented name and its id: two characters while they last, then three…
/// Within one length the order is scrambled by a multiplier coprime to the count, so
/// neighbours in the tree do not all share their first character.
fn core_name(mut i: usize) -> (String, String) {
    let mut len = 2;
    let mut count = STEMS.len() * PLACES.len();
    while i >= count {
        i -= count;
        len += 1;
        count *= PLACES.len();
    }
    // 7919 is prime and divides no count (2·5·47^k).
    let mut j = ((i as u128 * 7919) % count as u128) as usize;
    let (stem, stem_id) = STEMS[j % STEMS.len()];
    j /= STEMS.len();
    let mut name = stem.to_string();
    let mut id = stem_id.to_string();
    for _ in 1..len {
        let (c, c_id) = PLACES[j % PLACES.len()];
        j /= PLACES.len();
        name.push_str(c);
        id.push('-');
        id.push_str(c_id);
    }
    (name, id)
}

/// A tree of exactly `n` regions (n ≥ 1), the same for the same `n` and seed.
pub fn tree(n: usize, seed: u64) -> Result<Vec<Region>, String> {
    let tops = if n < 2 { n } else { n.div_ceil(70).max(2) };
    let mut rng = Rng::stream(seed, 1, 0);
    let mut regions: Vec<Region> = Vec::with_capacity(n);
    let add = |level: Level, parent: Option<usize>, regions: &mut Vec<Region>| {
        let (core, id) = core_name(regions.len());
        let name = format!("{core}{}", level.prefix());
        let full = match parent {
            Some(p) => format!("{}{name}", regions[p].name),
            None => name.clone(),
        };
        regions.push(Region {
            id,
            name,
            full,
            level,
            parent,
            groups_units: regions.len().is_multiple_of(2),
        });
        regions.len() - 1
    };
    let remaining = n - tops;
    for t in 0..tops {
        // This top's share of the rest, spread evenly.
        let share = remaining / tops + usize::from(t < remaining % tops);
        let leaf = |rng: &mut Rng| {
            if rng.chance(70) {
                Level::District
            } else {
                Level::County
            }
        };
        if t % 4 == 0 {
            let top = add(Level::Municipality, None, &mut regions);
            for _ in 0..share {
                let level = leaf(&mut rng);
                add(level, Some(top), &mut regions);
            }
        } else {
            let top = add(Level::Province, None, &mut regions);
            // About one prefecture per eight regions of the share.
            let prefectures = if share == 0 { 0 } else { (share / 8).max(1) };
            let leaves = share - prefectures;
            for p in 0..prefectures {
                let pref = add(Level::Prefecture, Some(top), &mut regions);
                let mine = leaves / prefectures + usize::from(p < leaves % prefectures);
                for _ in 0..mine {
                    let level = leaf(&mut rng);
                    add(level, Some(pref), &mut regions);
                }
            }
        }
    }
    let mut ids = HashSet::new();
    for r in &regions {
        if !ids.insert(r.id.as_str()) {
            return Err(format!(
                "two regions got the id {}; this is a bug in gen-corpus",
                r.id
            ));
        }
    }
    Ok(regions)
}

/// The bodies every region has, after its level's character: 区 + 市场监管局.
pub const BODIES: [&str; 18] = [
    "市场监管局",
    "科技局",
    "经济信息委",
    "发展改革委",
    "司法局",
    "财政局",
    "商务委",
    "教委",
    "委宣传部",
    "委组织部",
    "法院",
    "检察院",
    "农业农村委",
    "文化旅游委",
    "人力社保局",
    "大数据发展局",
    "金融发展事务中心",
    "公安局",
];

/// The bodies whose full name (with the region's name) the region file groups with the
/// short one, when `groups_units` is set.
pub const GROUPED: [usize; 2] = [0, 1];

impl Region {
    /// The `i`-th body as plans usually write it: 区市场监管局.
    pub fn unit(&self, i: usize) -> String {
        format!("{}{}", self.level.prefix(), BODIES[i])
    }

    /// The same body with the region's name: 甲山区市场监管局.
    pub fn unit_full(&self, i: usize) -> String {
        format!("{}{}", self.name, BODIES[i])
    }

    /// 1 to `max` of the region's bodies (the market regulator often first, as in the
    /// bundled plans), as a plan writes them.
    pub fn units(&self, rng: &mut Rng, max: usize) -> Vec<String> {
        let n = rng.range(1, max as i64) as usize;
        let mut picked = rng.sample(BODIES.len(), n);
        if rng.chance(60) && !picked.contains(&0) {
            picked.insert(0, 0);
            picked.truncate(max);
        }
        picked
            .into_iter()
            .map(|i| self.unit_written(i, rng))
            .collect()
    }

    /// How a plan writes body `i`: mostly short, sometimes full where the region file
    /// says the two are one body.
    pub fn unit_written(&self, i: usize, rng: &mut Rng) -> String {
        if self.groups_units && GROUPED.contains(&i) && rng.chance(30) {
            self.unit_full(i)
        } else {
            self.unit(i)
        }
    }
}

/// content/regions/<id>.md.
pub fn write_region(buf: &mut String, regions: &[Region], r: usize, seed: u64) {
    let region = &regions[r];
    let mut rng = Rng::stream(seed, 2, r as u64);
    buf.push_str("---\n");
    let _ = writeln!(buf, "name: {}", region.name);
    let _ = writeln!(buf, "level: {}", region.level.key());
    if let Some(p) = region.parent {
        let _ = writeln!(buf, "parent: {}", regions[p].id);
    }
    if rng.chance(50) {
        let population = rng.range(200_000, 1_500_000) * region.level.scale();
        let _ = writeln!(buf, "population: {population}");
    }
    if region.groups_units {
        buf.push_str("responsible_units:\n");
        for i in GROUPED {
            let _ = writeln!(buf, "  - name: {}", region.unit_full(i));
            let _ = writeln!(buf, "    aliases: [{}]", region.unit(i));
        }
    }
    buf.push_str("---\n");
    let kind = region.level.label();
    match region.parent {
        Some(p) => {
            let _ = writeln!(buf, "{}是{}下辖的{kind}。", region.name, regions[p].full);
        }
        None => {
            let _ = writeln!(buf, "{}是一个虚构的{kind}。", region.name);
        }
    }
    buf.push_str("\n本地区名称和数据均为合成测试数据，由 gen-corpus 生成，不对应任何真实地区。\n");
}
