//! The words of the plans: phrase pools in the register of the bundled plans, and the
//! sentences and paragraphs built from them. Nothing here names a real region.

use crate::rng::Rng;

const OPENERS: [&str; 16] = [
    "深入实施知识产权强国战略",
    "围绕高质量发展主线",
    "聚焦重点产业链",
    "立足本地产业特色",
    "坚持系统观念",
    "以服务实体经济为导向",
    "按照“严保护、大保护、快保护、同保护”的要求",
    "紧扣创新驱动发展战略",
    "统筹发展和安全",
    "坚持问题导向和目标导向",
    "对标先进地区经验做法",
    "以数字化改革为牵引",
    "坚持政府引导、市场主导",
    "着眼长远、立足当前",
    "围绕主导产业和新兴产业",
    "坚持协同推进、重点突破",
];

const ADVERBS: [&str; 10] = [
    "全面",
    "持续",
    "进一步",
    "加快",
    "大力",
    "积极",
    "稳步",
    "深入",
    "着力",
    "系统",
];

const VERBS: [&str; 20] = [
    "健全", "完善", "构建", "强化", "推进", "深化", "优化", "提升", "培育", "建立", "落实", "拓展",
    "加大", "探索", "支持", "推动", "引导", "规范", "夯实", "创新",
];

const OBJECTS: [&str; 36] = [
    "知识产权快速协同保护机制",
    "专利导航服务体系",
    "高价值专利培育体系",
    "商标品牌培育工作",
    "地理标志运用促进工程",
    "知识产权质押融资风险补偿机制",
    "知识产权公共服务网点布局",
    "知识产权纠纷多元化解机制",
    "行政执法与刑事司法衔接机制",
    "知识产权信息公共服务平台",
    "重点产业知识产权联盟",
    "中小企业知识产权托管服务",
    "专利开放许可制度",
    "知识产权人才梯队建设",
    "海外知识产权纠纷应对指导",
    "数据知识产权登记试点",
    "知识产权证券化试点",
    "知识产权信用监管",
    "版权社会服务体系",
    "植物新品种保护",
    "商业秘密保护指导站建设",
    "展会知识产权保护",
    "电子商务平台知识产权保护",
    "知识产权运营服务体系",
    "高校院所专利转化运用",
    "产学研协同创新机制",
    "企业知识产权合规管理",
    "知识产权标准化建设",
    "知识产权统计监测",
    "知识产权文化宣传",
    "知识产权领域“放管服”改革",
    "知识产权侵权惩罚性赔偿制度",
    "知识产权技术调查官制度",
    "知识产权综合管理改革",
    "专利密集型产品备案认定",
    "知识产权保险业务",
];

const RESULTS: [&str; 16] = [
    "形成上下联动、部门协同的工作格局",
    "切实提升知识产权治理效能",
    "为高质量发展提供有力支撑",
    "不断优化创新环境和营商环境",
    "推动知识产权价值加快实现",
    "持续增强企业核心竞争力",
    "营造尊重知识价值的良好氛围",
    "全面提升知识产权综合实力",
    "确保各项任务落地见效",
    "打通知识产权创造、运用、保护、管理、服务全链条",
    "激发全社会创新创造活力",
    "推动创新成果更多惠及人民群众",
    "提高知识产权转化效益",
    "筑牢知识产权安全防线",
    "形成一批可复制可推广的经验做法",
    "更好服务构建新发展格局",
];

const ACTORS: [&str; 10] = [
    "龙头企业",
    "高校院所",
    "行业协会",
    "中小微企业",
    "知识产权服务机构",
    "产业园区",
    "金融机构",
    "专精特新企业",
    "高新技术企业",
    "新型研发机构",
];

/// Lead-ins of a task heading and what each achieves: `构建政策体系，强化规划引领。`
const TASK_A: [&str; 24] = [
    "构建政策体系",
    "深化示范创建",
    "培育文化生态",
    "深化区域协同",
    "拓展开放合作",
    "优化要素配置",
    "盘活专利存量",
    "培育高价值专利",
    "升级产业生态",
    "改革运营机制",
    "数字赋能",
    "协同保护",
    "优化服务供给",
    "厚植人才沃土",
    "打造商标品牌",
    "做强地理标志",
    "强化行政保护",
    "加强司法保护",
    "完善金融服务",
    "推进专利导航",
    "规范代理行业",
    "加强海外维权",
    "夯实数据基础",
    "深化改革试点",
];

const TASK_B: [&str; 24] = [
    "强化规划引领",
    "赋能园区发展",
    "厚植创新土壤",
    "共建保护高地",
    "强化战略对接",
    "提升运营效能",
    "构建转化机制",
    "布局产业创新",
    "培育创新主体",
    "畅通转化渠道",
    "构建智慧生态",
    "提升治理效能",
    "提升办事效率",
    "激发创新活力",
    "提升品牌价值",
    "助力乡村振兴",
    "严厉打击侵权",
    "提高审判质效",
    "拓宽融资渠道",
    "支撑产业决策",
    "净化市场秩序",
    "护航企业出海",
    "提升监测能力",
    "形成示范效应",
];

/// Titles of the groups of tasks: `（一）高标准构建知识产权保护体系。`
pub const GROUPS: [&str; 12] = [
    "高标准构建知识产权保护体系",
    "高质量推动知识产权创造",
    "高效益促进知识产权转化运用",
    "高水平提升知识产权公共服务能力",
    "深化区域协同和开放合作",
    "夯实知识产权事业发展基础",
    "强化重点领域知识产权保护",
    "推进知识产权与产业深度融合",
    "深化知识产权领域改革",
    "打造知识产权人才高地",
    "营造良好知识产权文化氛围",
    "提升知识产权国际化水平",
];

pub const SAFEGUARDS: [&str; 6] = [
    "加强组织领导",
    "强化资金保障",
    "健全考核评估",
    "营造良好氛围",
    "加强统筹协调",
    "强化督促落实",
];

/// Goals without a number, for qualitative rows.
pub const QUALITATIVE: [&str; 8] = [
    "居全省前列",
    "稳步提升",
    "显著提高",
    "走在前列",
    "保持全市领先",
    "明显改善",
    "进一步增强",
    "基本形成",
];

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// 一, 二 … 二十 for 1 ≤ n ≤ 20; larger numbers in digits.
pub fn numeral(n: usize) -> String {
    match NUMERALS.get(n.wrapping_sub(1)) {
        Some(s) => (*s).to_string(),
        None => n.to_string(),
    }
}

fn clause(rng: &mut Rng, buf: &mut String) {
    if rng.chance(50) {
        buf.push_str(rng.pick(&ADVERBS));
    }
    buf.push_str(rng.pick(&VERBS));
    buf.push_str(rng.pick(&OBJECTS));
}

/// One sentence of 40–90 characters.
pub fn sentence(rng: &mut Rng, buf: &mut String) {
    match rng.below(4) {
        0 => {
            buf.push_str(rng.pick(&OPENERS));
            buf.push('，');
            clause(rng, buf);
            buf.push('，');
            clause(rng, buf);
            buf.push('，');
            buf.push_str(rng.pick(&RESULTS));
        }
        1 => {
            clause(rng, buf);
            buf.push('，');
            clause(rng, buf);
            buf.push('，');
            clause(rng, buf);
        }
        2 => {
            clause(rng, buf);
            buf.push('，');
            clause(rng, buf);
            buf.push('，');
            buf.push_str(rng.pick(&RESULTS));
        }
        _ => {
            buf.push_str("支持");
            buf.push_str(rng.pick(&ACTORS));
            clause(rng, buf);
            buf.push('，');
            buf.push_str(rng.pick(&RESULTS));
        }
    }
    buf.push('。');
}

/// `n` sentences in one paragraph, without the line break.
pub fn sentences(rng: &mut Rng, buf: &mut String, n: usize) {
    for _ in 0..n {
        sentence(rng, buf);
    }
}

/// A task heading without its number: `构建政策体系，强化规划引领。`
pub fn task_title(rng: &mut Rng, buf: &mut String) {
    buf.push_str(rng.pick(&TASK_A));
    buf.push('，');
    buf.push_str(rng.pick(&TASK_B));
    buf.push('。');
}
