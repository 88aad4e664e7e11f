//! A synthetic corpus of policy plans for benchmarks: deterministic (seeded), realistic in shape.
//!
//! The documents look like the seed policies in `policies/`: a 文件 header with 文号 and 依据, a
//! department list, scopes, facts, and then sections of measures (措施 with 牵头, 责任单位, 期限
//! and child measures), targets (值, 期限, 分年度 that add up), standards, stated figures with
//! 分项, tiered subsidies (20% / 10% / 5% of 项目总投资 by 县类别) with a worked 例, schedules
//! with back-to-back 阶段, assessments whose 项 add up to 总分, and 原文 quotes throughout, in
//! roughly the proportions the seeds have (measures dominate; about one 原文 a measure).
//!
//! A **set** of documents references itself: document *i* cites its parent (*(i − 1) / 3*, a tree
//! of depth ~log₃ n) and every fourth one also the root, by title and 文号, so the cross-document
//! checks resolve every 依据 and compare the items the documents share (measures with the same
//! name and deadline, targets with the same value, standards with the same floor).
//!
//! The output checks clean (no errors, no syntax errors): `tests/corpus.rs` asserts it. The
//! generator uses only std so that `gen-corpus` builds in seconds.

use std::fmt::Write;

/// A small deterministic generator (SplitMix64): the same seed gives the same corpus everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const VERBS: &[&str] = &[
    "加快推进",
    "全面落实",
    "着力加强",
    "深入开展",
    "健全完善",
    "严格规范",
    "认真组织",
    "统筹推进",
    "扎实推进",
    "切实做好",
    "大力实施",
    "持续深化",
];

const TOPICS: &[&str] = &[
    "产业扶贫",
    "易地扶贫搬迁",
    "教育扶贫",
    "健康扶贫",
    "农村危房改造",
    "生态扶贫",
    "金融扶贫",
    "就业扶贫",
    "社会保障兜底",
    "基础设施建设",
    "电商扶贫",
    "旅游扶贫",
    "光伏扶贫",
    "饮水安全",
    "驻村帮扶",
    "资产收益扶贫",
    "扶贫小额信贷",
    "劳动力转移培训",
];

const OBJECTS: &[&str] = &[
    "工作机制",
    "专项行动",
    "监督检查",
    "资金监管",
    "信息管理",
    "考核评估",
    "政策宣传",
    "档案整理",
    "问题整改",
    "项目管理",
    "责任落实",
    "精准识别",
];

const CLAUSES: &[&str] = &[
    "逐户核实贫困户基本情况",
    "建立问题清单和整改台账",
    "确保各项任务按期完成",
    "对工作不力的单位严肃追责问责",
    "做到底数清、情况明",
    "及时下拨补助资金",
    "形成工作合力",
    "定期通报工作进展",
    "坚持问题导向",
    "确保资金安全高效使用",
    "加强部门沟通协作",
    "实行销号管理",
];

const DEPARTMENTS: &[&str] = &[
    "扶贫办",
    "财政局",
    "农业局",
    "教育局",
    "卫计局",
    "人社局",
    "民政局",
    "住建局",
    "水利局",
    "交通局",
    "发改局",
    "林业局",
    "审计局",
    "委组织部",
    "委宣传部",
    "国土资源局",
    "残联",
    "供电局",
];

const PLACES: &[&str] = &[
    "东", "西", "南", "北", "青", "云", "丰", "安", "宁", "平", "和", "兴", "康", "泰", "华", "新",
    "龙", "凤", "山", "河", "桥", "川", "林", "溪",
];

/// Letters for unique suffixes (the heavenly stems and ten earthly branches): none is a numeral,
/// a comparator, 的, 在 or 等.
const SUFFIX: &[char] = &[
    '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑', '寅', '卯', '辰', '巳',
    '午', '未', '申', '酉',
];

/// `n` spelled with [`SUFFIX`] letters (base 20, most significant first): unique names without
/// digits, which would end a bare name.
pub fn suffix(mut n: usize) -> String {
    let base = SUFFIX.len();
    let mut letters = Vec::new();
    loop {
        letters.push(SUFFIX[n % base]);
        n /= base;
        if n == 0 {
            break;
        }
    }
    letters.iter().rev().collect()
}

/// `n` (1 ≤ n ≤ 99) in Chinese numerals, for 一、 and （十二）.
pub fn chinese(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        _ => format!(
            "{}十{}",
            D[(n / 10) % 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
    }
}

/// What identifies a document of a set: the others cite it by title and 文号.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMeta {
    pub index: usize,
    pub title: String,
    /// 文号, such as `扶发〔2017〕12号`.
    pub number: String,
    pub issuer: String,
    pub year: i32,
}

/// The metadata of document `index` of a set made with `seed`.
pub fn meta(seed: u64, index: usize) -> DocMeta {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(index as u64));
    let place = format!("{}{}", rng.pick(PLACES), rng.pick(PLACES));
    let level = ["省", "市", "县"][index.min(2)];
    let topic = rng.pick(TOPICS);
    let year = 2016 + (index % 3) as i32;
    DocMeta {
        index,
        title: format!("{place}{level}{topic}实施方案（第{}号）", index + 1),
        number: format!("{place}扶发〔{year}〕{}号", index + 1),
        issuer: format!("{place}{level}扶贫开发领导小组"),
        year,
    }
}

/// Names several documents of a set share, so the cross-document checks compare them.
const SHARED_MEASURES: &[(&str, &str)] = &[
    ("全面排查建档立卡贫困户", "2018年6月30日前"),
    ("建立扶贫资金公告公示制度", "2018年9月30日前"),
    ("完成年度脱贫攻坚成效考核", "2019年3月31日前"),
];
const SHARED_TARGETS: &[(&str, &str)] = &[
    ("贫困村通硬化路", "100%"),
    ("贫困人口参加基本医疗保险", "100%"),
];
const SHARED_STANDARD: (&str, &str) = ("驻村工作队员生活补助", "每人每月不低于300元");

/// Options of one document.
#[derive(Clone, Debug)]
pub struct DocOptions {
    pub seed: u64,
    /// Position in its set (0 for a single file): decides the 依据 and the shared items.
    pub index: usize,
    /// Whether the document is part of a set (its 依据 must then resolve in the set); a single
    /// file cites its basis as 外部.
    pub in_set: bool,
    /// Stop once the text is at least this long…
    pub min_bytes: usize,
    /// …or has at least this many lines (whichever comes first; 0 for no limit).
    pub min_lines: usize,
}

/// One document of about `bytes` bytes (never less; a section more at most).
pub fn document(seed: u64, bytes: usize) -> String {
    generate(&DocOptions {
        seed,
        index: 0,
        in_set: false,
        min_bytes: bytes,
        min_lines: 0,
    })
}

/// One document of at least `lines` lines.
pub fn document_lines(seed: u64, lines: usize) -> String {
    generate(&DocOptions {
        seed,
        index: 0,
        in_set: false,
        min_bytes: usize::MAX,
        min_lines: lines,
    })
}

/// A set of `files` documents of about `bytes_per_file` bytes each that cite each other:
/// `(file name, text)`.
pub fn policy_set(seed: u64, files: usize, bytes_per_file: usize) -> Vec<(String, String)> {
    (0..files)
        .map(|index| {
            let text = generate(&DocOptions {
                seed,
                index,
                in_set: true,
                min_bytes: bytes_per_file,
                min_lines: 0,
            });
            (format!("gen-{:04}.zc", index + 1), text)
        })
        .collect()
}

/// The parent of document `index` in a set (its first 依据).
pub fn parent(index: usize) -> Option<usize> {
    (index > 0).then(|| (index - 1) / 3)
}

struct Gen {
    rng: Rng,
    out: String,
    lines: usize,
    year: i32,
    depts: Vec<String>,
    /// Counter behind every unique name.
    serial: usize,
}

impl Gen {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
        self.lines += 1;
    }

    fn unique(&mut self) -> String {
        self.serial += 1;
        suffix(self.serial)
    }

    fn dept(&mut self) -> String {
        self.rng.pick(&self.depts).clone()
    }

    /// 2 to `max` distinct departments other than `lead`, joined by 、.
    fn depts(&mut self, max: usize, lead: &str) -> String {
        let n = self.rng.range(2, max as u64) as usize;
        let start = self.rng.below(self.depts.len() as u64) as usize;
        (0..n)
            .map(|k| self.depts[(start + k * 3) % self.depts.len()].as_str())
            .filter(|d| *d != lead)
            .collect::<Vec<_>>()
            .join("、")
    }

    fn sentence(&mut self) -> String {
        let verb = self.rng.pick(VERBS);
        let topic = self.rng.pick(TOPICS);
        let object = self.rng.pick(OBJECTS);
        let i = self.rng.below(CLAUSES.len() as u64) as usize;
        let j = (i + 1 + self.rng.below(CLAUSES.len() as u64 - 1) as usize) % CLAUSES.len();
        let (a, b) = (CLAUSES[i], CLAUSES[j]);
        format!("{verb}{topic}{object},{a},{b}。")
    }

    fn quote(&mut self, indent: usize) {
        let s = self.sentence();
        self.line(indent, &format!("原文：“{s}”"));
    }

    /// A deadline in the document's year or the next (after the document's date, 3月1日).
    fn date(&mut self) -> (i32, u64, u64) {
        let year = self.year + self.rng.below(2) as i32;
        let month = self.rng.range(4, 12);
        let day = self.rng.range(1, 28);
        (year, month, day)
    }

    fn header(&mut self, options: &DocOptions, me: &DocMeta) {
        let place = &me.title;
        self.line(
            0,
            &format!("// {place}(生成的测试文件,种子 {})", options.seed),
        );
        self.line(0, "// 由 zhengce-bench 的 gen-corpus 生成,仅供性能测试。");
        self.line(0, "");
        self.line(0, &format!("文件《{}》 {{", me.title));
        self.line(1, &format!("发文机关：{}", me.issuer));
        self.line(1, &format!("成文日期：{}年3月1日", me.year));
        self.line(1, &format!("文号：{}", me.number));
        let mut basis = Vec::new();
        match (options.in_set, parent(options.index)) {
            (true, Some(p)) => {
                let up = meta(options.seed, p);
                basis.push(format!("《{}》（{}）", up.title, up.number));
                if options.index.is_multiple_of(4) && p != 0 {
                    let root = meta(options.seed, 0);
                    basis.push(format!("《{}》（{}）", root.title, root.number));
                }
            }
            _ => basis.push("外部《中共中央、国务院关于打赢脱贫攻坚战的决定》".to_string()),
        }
        self.line(1, &format!("依据：{}", basis.join("、")));
        self.line(1, &format!("来源：gen_{:04}.txt", options.index + 1));
        self.line(
            1,
            &format!(
                "原文：“现将《{}》印发给你们,请结合实际认真贯彻执行。”",
                me.title
            ),
        );
        self.line(0, "}");
        self.line(0, "");
        self.line(0, "// ───────── 部门 ─────────");
        let level = ["省", "市", "县"][options.index.min(2)];
        self.depts = DEPARTMENTS.iter().map(|d| format!("{level}{d}")).collect();
        for chunk in self.depts.clone().chunks(6) {
            self.line(0, &format!("部门：{}", chunk.join("、")));
        }
        self.line(0, "部门类 「各乡镇党委、政府」 又称 各乡镇");
        self.line(0, "部门类 扶贫开发领导小组各成员单位");
        self.depts.push("各乡镇".to_string());
        self.line(0, "");
        self.line(0, "事实 县类别：深度贫困县、贫困县、非贫困县");
        self.line(0, "事实 项目总投资：万元");
        self.line(0, "事实 服务人口：人");
        self.line(0, "");
    }

    /// Items shared with the other documents of the set (same names, same figures).
    fn shared(&mut self) {
        self.line(0, "// ───────── 上级文件部署的共同事项 ─────────");
        for (name, deadline) in SHARED_MEASURES {
            let lead = self.dept();
            self.line(0, &format!("措施 {name} {{"));
            self.line(1, &format!("牵头：{lead}"));
            self.line(1, &format!("期限：{deadline}"));
            self.quote(1);
            self.line(0, "}");
        }
        for (name, value) in SHARED_TARGETS {
            self.line(0, &format!("目标 {name} {{"));
            self.line(1, &format!("值：{value}"));
            self.line(1, "期限：2020年");
            self.quote(1);
            self.line(0, "}");
        }
        let (name, amount) = SHARED_STANDARD;
        self.line(0, &format!("标准 {name} {{"));
        self.line(1, "对象：驻村工作队员");
        self.line(1, &format!("金额：{amount}"));
        self.quote(1);
        self.line(0, "}");
        self.line(0, "");
    }

    fn measure_group(&mut self, number: usize) {
        let verb = self.rng.pick(VERBS);
        let topic = self.rng.pick(TOPICS);
        let object = self.rng.pick(OBJECTS);
        let id = self.unique();
        let (y, m, d) = self.date();
        self.line(
            0,
            &format!(
                "措施 （{}）{verb}{topic}{object}{id} {{",
                chinese(number % 100)
            ),
        );
        let lead = self.dept();
        self.line(1, &format!("牵头：{lead}"));
        let resp = self.depts(4, &lead);
        self.line(1, &format!("责任单位：{resp}"));
        self.line(1, &format!("期限：{y}年{m}月{d}日前"));
        self.quote(1);
        if self.rng.chance(40) {
            self.line(
                1,
                &format!("原文：“(牵头单位:{lead},责任单位:{resp};时限:{y}年{m}月{d}日前)”"),
            );
        }
        let children = self.rng.range(2, 6);
        for k in 1..=children {
            let verb = self.rng.pick(VERBS);
            let topic = self.rng.pick(TOPICS);
            let object = self.rng.pick(OBJECTS);
            let cid = self.unique();
            self.line(1, &format!("措施 {k}.{verb}{topic}{object}{cid} {{"));
            if self.rng.chance(30) {
                // No later than the parent's deadline.
                let cm = self.rng.range(4, m);
                let cd = if cm == m {
                    self.rng.range(1, d)
                } else {
                    self.rng.range(1, 28)
                };
                self.line(2, &format!("期限：{y}年{cm}月{cd}日前"));
            }
            if self.rng.chance(20) {
                let r = self.dept();
                if r != lead {
                    self.line(2, &format!("责任单位：{r}"));
                }
            }
            self.quote(2);
            self.line(1, "}");
        }
        if self.rng.chance(25) {
            self.target(1);
        }
        self.line(0, "}");
    }

    fn target(&mut self, indent: usize) {
        let topic = self.rng.pick(TOPICS);
        let id = self.unique();
        let unit = *self.rng.pick(&["户", "人", "个村", "公里", "所"]);
        let years = self.rng.range(2, 4) as i32;
        let parts: Vec<u64> = (0..years).map(|_| self.rng.range(10, 900)).collect();
        let total: u64 = parts.iter().sum();
        let end = self.year + years - 1;
        self.line(indent, &format!("目标 {topic}任务{id} {{"));
        self.line(indent + 1, &format!("指标：{topic}任务{id}年度完成数"));
        self.line(indent + 1, &format!("值：{total}{unit}"));
        self.line(indent + 1, &format!("期限：{end}年"));
        if self.rng.chance(60) {
            let list: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(k, p)| format!("{}年{p}{unit}", self.year + k as i32))
                .collect();
            self.line(indent + 1, &format!("分年度：{}", list.join("、")));
        }
        if self.rng.chance(50) {
            let lead = self.dept();
            self.line(indent + 1, &format!("牵头单位：{lead}"));
        }
        self.line(
            indent + 1,
            &format!("原文：“到{end}年,完成{topic}任务{total}{unit}。”"),
        );
        self.line(indent, "}");
    }

    fn standard(&mut self) {
        let topic = self.rng.pick(TOPICS);
        let id = self.unique();
        let amount = self.rng.range(1, 60) * 100;
        let keyword = if self.rng.chance(25) {
            "补助"
        } else {
            "标准"
        };
        self.line(0, &format!("{keyword} {topic}补助标准{id} {{"));
        self.line(1, "对象：建档立卡贫困户");
        let form = self.rng.below(3);
        match form {
            0 => self.line(1, &format!("金额：每户{amount}元")),
            1 => self.line(1, &format!("金额：每人每年不低于{amount}元")),
            _ => self.line(1, &format!("金额：由{}元提高到{amount}元", amount / 2)),
        }
        let clause = self.rng.pick(CLAUSES);
        self.line(1, &format!("原文：“{topic}补助标准为{amount}元,{clause}”"));
        self.line(0, "}");
    }

    fn scope(&mut self) {
        let id = self.unique();
        let n = self.rng.range(3, 9) as usize;
        let members: Vec<String> = (0..n)
            .map(|k| {
                format!(
                    "{}{}{}县",
                    self.rng.pick(PLACES),
                    self.rng.pick(PLACES),
                    suffix(k + 1)
                )
            })
            .collect();
        self.line(0, &format!("范围 重点帮扶县{id}：{n}个县 {{"));
        self.line(1, &format!("成员：{}", members.join("、")));
        self.line(
            1,
            &format!("原文：“确定{}等{n}个重点帮扶县”", members.join("、")),
        );
        self.line(0, "}");
    }

    fn stated(&mut self) {
        let id = self.unique();
        let parts = [
            self.rng.range(50, 500),
            self.rng.range(50, 500),
            self.rng.range(50, 500),
        ];
        let total: u64 = parts.iter().sum();
        self.line(0, &format!("现状 建档立卡贫困户{id} {{"));
        self.line(1, &format!("值：{total}户"));
        self.line(
            1,
            &format!(
                "分项：低保贫困户{}户、五保贫困户{}户、一般贫困户{}户",
                parts[0], parts[1], parts[2]
            ),
        );
        self.line(
            1,
            &format!(
                "原文：“建档立卡贫困户{total}户,其中低保贫困户{}户”",
                parts[0]
            ),
        );
        self.line(0, "}");
    }

    /// The benchmark's rule: 20% / 10% / 5% of 项目总投资 by 县类别, and an example of it.
    fn tiered(&mut self) {
        let id = self.unique();
        self.line(0, &format!("补助 光伏扶贫以奖代补{id} {{"));
        self.line(1, "对象：光伏扶贫项目");
        self.line(1, "分档 按 县类别 {");
        self.line(2, "深度贫困县：项目总投资的20%");
        self.line(2, "贫困县：项目总投资的10%");
        self.line(2, "非贫困县：项目总投资的5%");
        self.line(
            2,
            "原文：“对深度贫困县、贫困县、非贫困县,分别按照项目总投资的20%、10%、5%的比例安排以奖代补资金。”",
        );
        self.line(1, "}");
        self.line(1, "有效期：2017年至2019年");
        let r = self.dept();
        self.line(1, &format!("责任单位：{r}"));
        self.line(
            1,
            "原文：“对列入建设规模指标的光伏扶贫项目,通过以奖代补方式予以差异化支持。”",
        );
        self.line(0, "}");
        let (category, percent) =
            *self
                .rng
                .pick(&[("深度贫困县", 20), ("贫困县", 10), ("非贫困县", 5)]);
        let invest = self.rng.range(1, 200) * 100;
        let result = invest * percent / 100;
        self.line(0, &format!("例 光伏以奖代补验算{id} {{"));
        self.line(1, &format!("求：光伏扶贫以奖代补{id}"));
        self.line(
            1,
            &format!("已知：县类别={category}，项目总投资={invest}万元"),
        );
        self.line(1, &format!("结果：{result}万元"));
        self.line(0, "}");
    }

    fn schedule(&mut self) {
        let id = self.unique();
        let year = self.year;
        let mut start = day_of_year(year, self.rng.range(3, 6), self.rng.range(1, 28));
        let phases = self.rng.range(2, 4);
        let lengths: Vec<u64> = (0..phases).map(|_| self.rng.range(5, 30)).collect();
        let total: u64 = lengths.iter().sum();
        self.line(0, &format!("步骤 集中整改{id} {{"));
        self.line(1, &format!("时长：{total}天"));
        for (k, len) in lengths.iter().enumerate() {
            let end = start + len - 1;
            let (sm, sd) = month_day(year, start);
            let (em, ed) = month_day(year, end);
            let name = ["动员部署", "排查整改", "督导检查", "总结验收"][k];
            self.line(
                1,
                &format!(
                    "阶段 （{}）{name}阶段：{year}年{sm}月{sd}日至{year}年{em}月{ed}日 {{",
                    chinese(k + 1)
                ),
            );
            let mid = start + self.rng.below(*len);
            let (mm, md) = month_day(year, mid);
            let mid_name = self.unique();
            let lead = self.dept();
            self.line(2, &format!("措施 报送阶段工作情况{mid_name} {{"));
            self.line(3, &format!("牵头：{lead}"));
            self.line(3, &format!("期限：{year}年{mm}月{md}日前"));
            self.line(2, "}");
            self.quote(2);
            self.line(1, "}");
            start = end + 1;
        }
        self.line(0, "}");
    }

    fn assessment(&mut self) {
        let id = self.unique();
        let a = self.rng.range(2, 4) * 5;
        let b1 = self.rng.range(2, 6) * 5;
        let b2 = self.rng.range(2, 6) * 5;
        let c = 100 - a - b1 - b2;
        self.line(0, &format!("考核 扶贫开发工作成效考核{id} {{"));
        self.line(1, "总分：100分");
        self.line(1, &format!("项 （一）平时考核：{a}分"));
        self.line(1, &format!("项 （二）集中考核：{}分 {{", b1 + b2));
        self.line(2, &format!("项 1.减贫成效：{b1}分"));
        self.line(2, &format!("项 2.精准识别：{b2}分"));
        self.line(1, "}");
        self.line(1, &format!("项 （三）工作成效：{c}分"));
        self.line(1, "调整 调整指标：±5分");
        self.line(
            1,
            "原文：“考核采用百分制,包括平时考核、集中考核和工作成效。”",
        );
        self.line(0, "}");
    }

    fn body(&mut self, options: &DocOptions) {
        let mut section = 0;
        let mut number = 0;
        while self.out.len() < options.min_bytes
            && (options.min_lines == 0 || self.lines < options.min_lines)
        {
            section += 1;
            let topic = self.rng.pick(TOPICS);
            let object = self.rng.pick(OBJECTS);
            self.line(
                0,
                &format!(
                    "// ───────── {}、{topic}{object} ─────────",
                    chinese(section % 100)
                ),
            );
            // A section: a few measures and, in the seeds' proportions, the other items.
            let measures = self.rng.range(2, 5);
            for _ in 0..measures {
                number += 1;
                self.measure_group(number);
            }
            // Every document has the benchmark's tiered subsidy in its first section.
            let roll = if section == 1 {
                65
            } else {
                self.rng.below(100)
            };
            match roll {
                0..=29 => self.target(0),
                30..=44 => self.standard(),
                45..=54 => self.scope(),
                55..=61 => self.stated(),
                62..=69 => self.tiered(),
                70..=77 => self.schedule(),
                78..=82 => self.assessment(),
                _ => {}
            }
            self.line(0, "");
        }
    }
}

fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_lengths(year: i32) -> [u64; 12] {
    [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
}

/// Day of the year (0-based) of a month and day.
fn day_of_year(year: i32, month: u64, day: u64) -> u64 {
    month_lengths(year)[..(month - 1) as usize]
        .iter()
        .sum::<u64>()
        + day
        - 1
}

/// Month and day of a 0-based day of the year.
fn month_day(year: i32, mut doy: u64) -> (u64, u64) {
    for (m, len) in month_lengths(year).iter().enumerate() {
        if doy < *len {
            return (m as u64 + 1, doy + 1);
        }
        doy -= len;
    }
    (12, 31)
}

/// Generates one document.
pub fn generate(options: &DocOptions) -> String {
    let me = meta(options.seed, options.index);
    let mut g = Gen {
        rng: Rng::new(options.seed ^ ((options.index as u64) << 32)),
        out: String::with_capacity(options.min_bytes.min(64 << 20) + 4096),
        lines: 0,
        year: me.year,
        depts: Vec::new(),
        // Names are unique across a set too (only the shared items are meant to meet).
        serial: if options.in_set {
            options.index * 8_000
        } else {
            0
        },
    };
    g.header(options, &me);
    if options.in_set {
        g.shared();
    }
    g.body(options);
    g.out
}

/// Rows for the batch benchmarks: a CSV header `县类别,项目总投资` and `rows` rows of a county type
/// and an investment written as a plain number of 万元 with two decimals (`1234.56`), all valid.
/// Returns the text; `write_rows` streams the same rows.
pub fn rows_csv(seed: u64, rows: usize) -> String {
    let mut out = Vec::with_capacity(rows * 24 + 32);
    write_rows(seed, rows, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// Streams the rows of [`rows_csv`].
pub fn write_rows<W: std::io::Write>(seed: u64, rows: usize, out: &mut W) -> std::io::Result<()> {
    const TYPES: [&str; 3] = ["深度贫困县", "贫困县", "非贫困县"];
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(64);
    writeln!(out, "县类别,项目总投资")?;
    for _ in 0..rows {
        let r = rng.next_u64();
        let county = TYPES[(r % 3) as usize];
        let wan = (r >> 8) % 100_000;
        let cents = (r >> 32) % 100;
        line.clear();
        let _ = writeln!(line, "{county},{wan}.{cents:02}");
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(document(7, 20_000), document(7, 20_000));
        assert_ne!(document(7, 20_000), document(8, 20_000));
        assert_eq!(policy_set(3, 5, 4000), policy_set(3, 5, 4000));
    }

    #[test]
    fn sizes_and_lines() {
        for bytes in [1_000, 10_000, 100_000] {
            let d = document(1, bytes);
            assert!(
                d.len() >= bytes && d.len() < bytes + 8_000,
                "{bytes}: {}",
                d.len()
            );
        }
        assert!(document_lines(1, 5000).lines().count() >= 5000);
    }

    #[test]
    fn numerals_and_suffixes() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(40), "四十");
        assert_eq!(chinese(99), "九十九");
        assert_eq!(suffix(0), "甲");
        assert_eq!(suffix(21), "乙乙");
        assert_eq!(suffix(400), "乙甲甲");
        assert_eq!(month_day(2017, day_of_year(2017, 6, 10)), (6, 10));
        assert_eq!(month_day(2016, day_of_year(2016, 3, 1)), (3, 1));
    }
}
