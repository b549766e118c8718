//! Script steps by concept in Chinese (both scripts) and Cantonese.
//!
//! The step phrases of [`crate::scripts`] hold one wording each ("安全账户", "转到我们指定的");
//! a scam written in other words ("暂存至监管钱包", "将啲币转去冷钱包", "补齐 650 USDT 的差额")
//! slips past them. Here, as in [`crate::concepts`] for English, a step is two concept
//! classes close together in one sentence: a verb that moves money and money (or an amount
//! by its shape) make an ask for money, a "shielding" word and an account make a safe
//! account, an authority's domain and an office make a fake-authority pretext, a
//! negation and a verb of telling make secrecy. Chinese has no spaces, so the classes are
//! found by one automaton over the folded text (Traditional and Hong Kong characters read
//! as Simplified, so one entry serves both scripts and Cantonese), and closeness is counted
//! in characters. Guards are classes too: a money verb asks only after a modal ("请",
//! "需要先", "把…转到"; "只要付一万就可以买房" offers), and not when done ("已转入", "转了",
//! "过咗数"), reported ("叫我转") or paying the reader ("转给你"); "不保证收益" guarantees
//! nothing; "资金", "话费" are no fees. Each rule looks only within its window of the
//! sorted hits, so a long text costs one scan and a few binary searches per hit.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::scripts::{A, C, Families, I, K, L, OFF, PAY, PRE, Q, QPQ, S, Step, TOO, URG};
use crate::{ReasonCode as R, Tactic as T};

/// A class of words standing for one concept: entries in either Chinese script (they are
/// folded like the text); ASCII entries match case-insensitively as whole words. Three
/// entries are shapes: [`AMOUNT`] an amount of money, [`COINS`] one in coins, [`PHONE`] a
/// phone number.
type Class = &'static [&'static str];

/// The entry that stands for an amount of money: a number with a currency or coin
/// ("650 USDT", "一万U", "8000蚊", "NT$12,000", "两万二").
const AMOUNT: &str = "#amount";
/// The entry that stands for an amount in coins ("1000 USDT", "一万U").
const COINS: &str = "#coins";
/// The entry that stands for a phone number ("+852 9338 4410").
const PHONE: &str = "#phone";

/// Verbs that move money somewhere.
static MOVE: Class = &[
    "转", "转入", "转到", "转去", "转移", "转账", "汇", "汇款", "汇入", "打款", "存", "存入",
    "存到", "存放", "充", "充值", "储值", "入金", "入", "过数", "过", "俾", "畀", "交", "缴",
    "缴纳", "付", "支付", "提到", "归集", "集中", "暂存", "放入", "放进", "投入", "划转", "划到",
    "打币", "转币", "质押", "补", "补足", "补齐", "首充",
    // Fronting money ("要自己墊 300 USDT", "先垫付 200U").
    "垫", "垫付",
];

/// Words holding a verb of [`MOVE`] or [`SETTLE`] that move no money ("收入", "交易所", "不过", "存在").
static NOT_MOVE: Class = &[
    // Due dates and periods name when a bill falls due, not a payment asked now
    // ("首期繳款日為…", "最后还款日").
    "缴款日",
    "缴费日",
    "还款日",
    "缴款期",
    "付款日",
    "收入",
    "加入",
    "进入",
    "登入",
    "输入",
    "入账",
    "入职",
    "入群",
    "入住",
    "入境",
    "录入",
    "深入",
    "入门",
    "不过",
    "超过",
    "通过",
    "经过",
    "过期",
    "过年",
    "过来",
    "过程",
    "难过",
    "错过",
    "过后",
    "过往",
    "交易",
    "交通",
    "交流",
    "提交",
    "成交",
    "交友",
    "外交",
    "存在",
    "保存",
    "库存",
    "储存",
    "存储",
    "充满",
    "补充",
    "充分",
    "充电",
    "对付",
    "应付",
    "支付宝",
    "补偿",
    "补发",
    "补贴",
    "弥补",
    "补习",
    "补办",
    "转发",
    "转告",
    "转运",
    "转驳",
    "转介",
    "转机",
    "转弯",
    "好转",
    "转载",
    "运转",
    "转换",
    "转身",
    "转达",
    "转账记录",
    "首付",
    "付款",
    "存款",
    "存贷",
    "交房",
    "交强险",
    "到付",
    "入会",
    "补助",
    "汇聚",
    "汇集",
    "汇总",
    "汇报",
    "词汇",
    "交款",
    "床垫",
    "垫子",
    "鞋垫",
    "铺垫",
];

/// Words that make a money verb an ask or an instruction ("请", "需要先", "把…转到",
/// "即刻"): an offer ("只要付一万就可以买房", "充值满50元即可抽奖") has none.
static MODAL: Class = &[
    "请",
    "需",
    "要",
    "须",
    "先",
    "马上",
    "立即",
    "立刻",
    "即刻",
    "尽快",
    "赶紧",
    "把",
    "将",
    "帮",
    "麻烦",
    "快啲",
    "快点",
    "即时",
    "而家去",
    "现在去",
    "现在就去",
];

/// Words holding a modal that ask nothing ("只要", "如需", "需求").
static NOT_MODAL: Class = &[
    "只要",
    "只需",
    "仅需",
    "只须",
    "如需",
    "如有需要",
    "不需要",
    "无需",
    "需求",
    "需要的",
    "唔需要",
    "主要",
    "重要",
    "要求",
    "将于",
    "将会",
    "即将",
    "帮助",
    "先生",
];

/// Buying coins.
static BUY: Class = &["买", "购买", "买入"];

/// Coins.
static COIN: Class = &[
    "usdt",
    "btc",
    "eth",
    "比特币",
    "泰达币",
    "币",
    "虚拟货币",
    "加密货币",
    "数字货币",
    AMOUNT,
];

/// The victim's money, or an amount.
static MONEY: Class = &[
    "钱",
    "资金",
    "存款",
    "余额",
    "资产",
    "积蓄",
    "储蓄",
    "款项",
    "币",
    "usdt",
    "btc",
    "eth",
    "比特币",
    "泰达币",
    "虚拟货币",
    "加密货币",
    "数字货币",
    "全部",
    "所有",
    "名下",
    "现金",
    "货款",
    AMOUNT,
];

/// Words holding 币 or 钱 that are no money of the victim's ("币安", "火币": exchanges;
/// "洗钱": a crime; "钱包": a wallet).
static NOT_MONEY: Class = &["币安", "火币", "币种", "币圈", "洗钱", "黑钱", "钱包"];

/// Words that make an account a place where money is "safe" or "checked".
static SHIELD: Class = &[
    "安全", "监管", "保护", "保管", "托管", "清算", "公证", "核查", "清查", "审查", "保全", "专用",
    "验资", "国家", "备案", "隔离",
];

/// A cold wallet: the reader's own safe ("冷錢包到貨了，研究點備份"), a scam's place only
/// when coins are bidden there ("將啲幣轉去我哋個冷錢包").
static COLD: Class = &["冷钱包", "冷存储", "离线钱包"];

/// Where money is kept.
static ACCOUNT: Class = &[
    "账户",
    "户口",
    "钱包",
    "地址",
    "账号",
    "帐户",
    "帐号",
    "卡",
    "卡号",
    "payme",
    "收款码",
    "通道",
];

/// Pointing at an account given by the sender ("这个账户", "我方提供的钱包").
static DEICTIC: Class = &[
    "指定",
    "这个",
    "呢个",
    "以下",
    "下面",
    "我们的",
    "我哋",
    "我方",
    "提供的",
    "我发",
    // "轉去我畀你嘅錢包地址", "转到我给你的地址".
    "我畀你",
    "我俾你",
    "我给你",
];

/// "这个" naming a time or a matter, not an account ("这个月25号统一打款", "呢個星期").
static NOT_DEICTIC: Class = &[
    "这个月",
    "这个星期",
    "这个礼拜",
    "这个周",
    "这个季度",
    "这个时候",
    "这个问题",
    "呢个月",
    "呢个星期",
    "呢个礼拜",
];

/// Someone who "gets lost money back" ("搵咗個黑客幫手追返晒").
static HACKER: Class = &[
    "黑客",
    "骇客",
    "hacker",
    "追款团队",
    "追回团队",
    // Lawyers, trackers and "refund centres" who sell it ("律師團隊協助追討",
    // "區塊鏈追蹤團隊", "涉诈资金返还中心").
    "律师",
    "追踪团队",
    "追款公司",
    "维权团队",
    "追回中心",
    "返还中心",
    "清退中心",
];

/// Getting lost money back.
static RECOVER: Class = &[
    "追回", "追返", "追讨", "追番", "攞返", "拿回", "取回", "找回", "挽回", "讨回", "要回", "攞番",
    "取返",
];

/// The reader cheated ("您被骗的48万", "俾人呃咗"): with [`RECOVER`], a recovery pitch.
static SCAMMED: Class = &[
    "被骗",
    "被呃",
    "俾人呃",
    "畀人呃",
    "被诈骗",
    "受骗",
    "上当",
    "被坑",
    // A loss on a platform, however lost ("喺BitOcean蝕咗嘅錢").
    "蚀咗",
    "蚀晒",
    "亏咗",
    "亏掉",
    "亏损",
];

/// Where the owner keeps a seed copied out ("抄在紙上", "收喺夾萬", "備份"): self-custody.
static SELF_KEEP: Class = &["纸上", "备份", "夹万", "保险箱", "笔记本", "钢板"];

/// Keeping a new number ("你save低呢個先", "保存这个号码").
static SAVE: Class = &[
    "save低", "save咗", "save", "存低", "记低", "保存", "存下", "存起",
];
static SAVE_WHAT: Class = &["呢个", "这个号", "新号", "号码", "我个号", "我嘅新"];

/// Chat apps a referral names ("佢TG係 @…", "加他微信").
static CHAT_APP: Class = &[
    "tg", "telegram", "whatsapp", "wechat", "微信", "line", "飞机",
];

/// The reader's assets, and an order of a court or the police over them ("資產保護令",
/// "资金冻结令"): the fake officer's pretext for moving them.
static ASSETS: Class = &["资产", "资金", "财产", "存款", "户口", "账户"];
static ORDER: Class = &["保护令", "冻结令", "监管令", "保全令", "扣押令", "清查令"];

/// Handing money over to be kept.
static HAND: Class = &["交给", "交俾", "交畀", "交由", "给我们", "俾我哋", "畀我哋"];

/// Keeping on someone's behalf.
static CUSTODY: Class = &["托管", "保管", "代管", "保存", "核查", "审查", "清查"];

/// Verbs that pay something.
static SETTLE: Class = &[
    "交", "缴", "缴纳", "缴交", "付", "支付", "补", "补足", "补齐", "补缴", "充", "俾", "过",
    "存入", "预付", "先付", "转", "先收",
];

/// What stands between the victim and their money: fees, deposits, taxes, shortfalls.
static FEE: Class = &["费", "金", "税", "差额", "差价", "押底", "罚款", "流水"];

/// Words with 费 or 金 in them that are no fee: money itself, everyday bills.
static NOT_FEE: Class = &[
    "资金",
    "现金",
    "奖金",
    "佣金",
    "本金",
    "基金",
    "黄金",
    "金额",
    "金融",
    "租金",
    "美金",
    "金币",
    "话费",
    "免费",
    "消费",
    "月费",
    "年费",
    "运费",
    "费用率",
    "收费",
    "扣费",
    "退费",
    "金管",
    "金牌",
    "会费",
    "学费",
    "赔偿金",
    "补偿金",
    "赔付金",
    "礼金",
    "金条",
    "金价",
    "金卡",
    "电费",
    "水费",
    "燃气费",
    "管理费",
    "物业费",
    "网费",
    "浪费",
    "税务",
    "退税",
    "免税",
    "意向金",
    "诚意金",
    "定金",
    "订金",
    "五险一金",
    "公积金",
    "金领",
];

/// Opening a paid tier.
static ACTIVATE: Class = &["开通", "激活", "升级"];

/// A paid tier or account.
static TIER: Class = &["会员", "vip", "账户", "账号", "通道", "权限"];

/// The conditions a fee is "needed" for.
static CONDITION: Class = &[
    "才能",
    "才可",
    "方可",
    "先可以",
    "先至可以",
    "先至",
    "后即可",
    "之后即可",
    "才会",
    "先能",
    "先会",
];

/// Money set free.
static RELEASE: Class = &[
    "解冻", "解除", "解锁", "放款", "拨款", "提现", "提币", "出金", "到账", "结算", "提走", "拿回",
    "攞返", "退回", "返还", "取回", "恢复", "退款",
];

/// Losing what was earned.
static FORFEIT: Class = &[
    "作废",
    "清零",
    "清空",
    "冻结",
    "没收",
    "扣除",
    "失效",
    "拿不回",
    "攞唔返",
    "无法提现",
    "无法提币",
    "无法退回",
];

/// What was earned or deposited.
static EARNED: Class = &[
    "奖励", "佣金", "本金", "收益", "资金", "资产", "余额", "之前",
];

/// An authority's domain.
static DOMAIN: Class = &[
    "公安",
    "警察",
    "警务",
    "刑事",
    "刑侦",
    "经侦",
    "经济犯罪",
    "商业罪案",
    "罪案",
    "侦查",
    "侦缉",
    "反诈",
    "反洗钱",
    "检察",
    "最高检",
    "高检",
    "法院",
    "海关",
    "入境",
    "金融监督",
    "金管",
    "证监",
    "银保监",
    "网安",
    "网络安全",
    "国安",
    "廉政",
    "税务",
    "专案",
    "重案",
    "网警",
    "缉毒",
    "移民",
    "司法",
];

/// An office or officer of an authority.
static OFFICE: Class = &[
    "局",
    "队",
    "大队",
    "支队",
    "科",
    "组",
    "处",
    "中心",
    "委员会",
    "署",
    "厅",
    "院",
    "专员",
    "警官",
    "探员",
    "督察",
    "检察官",
    "人员",
    "职员",
    "干警",
    "民警",
    "调查员",
];

/// Being tied to a crime.
static ACCUSE: Class = &[
    "涉嫌", "涉及", "牵涉", "涉案", "列为", "有关", "关联", "利用", "收过", "参与", "卷入",
];

/// Crimes.
static CRIME: Class = &[
    "洗钱", "黑钱", "诈骗", "犯罪", "案", "非法", "集资", "贪污", "走私", "毒品", "金流", "违法",
    "涉诈", "团伙",
];

/// Proving one's innocence.
static PROVE: Class = &["证明"];
static INNOCENT: Class = &["清白", "无辜"];

/// What follows if the victim does not comply.
/// (Not "以免": a carrier's bill reminder says "請及時繳費，以免停機".)
static OTHERWISE: Class = &["否则", "不然", "唔系就", "逾期", "如不", "过期", "超时"];

/// Threatened consequences.
static CONSEQUENCE: Class = &[
    "冻结",
    "作废",
    "清零",
    "逮捕",
    "拘捕",
    "拉你",
    "拘留",
    "起诉",
    "通缉",
    "坐牢",
    "上报",
    "注销",
    "停用",
    "影响",
    "追究",
    "没收",
    "自动取消",
];

/// Forbidding.
static NOT: Class = &[
    "不要",
    "别",
    "唔好",
    "勿",
    "不能",
    "不得",
    "千万不要",
    "千祈唔好",
    "不可以",
    "唔可以",
    "不准",
    "严禁",
];

/// Telling someone.
static TELL: Class = &[
    "告诉", "告知", "透露", "讲", "说", "话俾", "话畀", "提起", "声张", "泄露", "外传", "知道",
];

/// What a warning tells the reader to keep to themselves: codes and details ("請勿向任何人
///透露驗證碼" warns; "请勿向家人透露" isolates).
static SECRETS: Class = &[
    "验证码",
    "一次性密码",
    "动态码",
    "密码",
    "助记词",
    "私钥",
    "资料",
    "信息",
];

/// Keeping the victim on the line.
static HOLD: Class = &["保持", "不要挂", "唔好收", "不要挂断"];
static LINE: Class = &["通话", "线"];

/// Not hanging up, in any script ("唔好掛線", "別掛斷", "不能挂电话"); unlike "保持",
/// which keeps a phone reachable ("請保持電話暢通").
static NO_HANG: Class = &[
    "不要挂",
    "唔好收",
    "唔好挂",
    "别挂",
    "勿挂",
    "不要收",
    "不可以挂",
    "不能挂",
    "唔可以挂",
    "唔准挂",
    "不准挂",
    "咪挂",
    "咪收",
];
static HANG: Class = &["线", "断", "电话", "机"];

/// Putting an app on the phone, opening it.
static INSTALL: Class = &[
    "安装", "下载", "装", "打开", "开启", "开", "进入", "使用", "下个",
];

/// Tools that let another person watch or control the phone.
static REMOTE: Class = &[
    "anydesk",
    "teamviewer",
    "rustdesk",
    "todesk",
    "向日葵",
    "远程",
    "远端",
    "遥控",
    "遥距",
    "屏幕共享",
    "共享屏幕",
    "投屏",
    "会议",
    "会议室",
    "zoom",
    "共享",
    "屏幕分享",
    "萤幕分享",
    "画面共享",
];

/// Sharing.
static SHARE: Class = &["共享", "分享", "投"];

/// The screen.
static SCREEN: Class = &["屏幕", "萤幕", "荧幕", "画面", "屏"];

/// Remote words.
static AFAR: Class = &["远程", "远端", "遥控", "遥距"];

/// Doing something on the victim's behalf.
static FOR_YOU: Class = &["帮", "协助", "操作", "处理", "控制", "核对"];

/// Giving or typing something in.
static GIVE: Class = &[
    "提供", "输入", "填写", "发", "告诉", "给我", "俾我", "畀我", "导入", "抄", "拍", "填",
    // Cantonese: "你入返密碼就得".
    "入返", "输返",
];

/// A wallet's seed, however named.
static SEED: Class = &[
    "助记词",
    "私钥",
    "密钥",
    "12个英文",
    "12个单词",
    "12个词",
    "十二个英文",
    "十二个单词",
    "24个单词",
    "24个英文",
    "恢复短语",
    "种子短语",
];

/// Codes.
static CODE: Class = &[
    "验证码",
    "一次性密码",
    "动态码",
    "密码",
    // What an authenticator shows ("而家顯示嗰六個數字").
    "六个数字",
    "6个数字",
    "六位数",
    "6位数",
];

/// Handing something back to the sender ("send返俾我", "發給我", "話我知", "讀返俾我聽").
static TO_ME: Class = &[
    "俾我",
    "畀我",
    "给我",
    "发我",
    "话我知",
    "告诉我",
    "读返",
    "念给我",
    "报给我",
    "回传",
];

/// Details to be paid into.
static BANK_DETAILS: Class = &[
    "收款账号",
    "收款账户",
    "银行卡号",
    "卡号",
    "银行资料",
    "收款码",
    "支付宝账号",
    "银行卡资料",
    "银行账户",
    "银行户口",
];

/// Joining another chat.
static JOIN: Class = &[
    "加", "添加", "加入", "进", "私聊", "私信", "私讯", "揾", "扫码", "搜索",
];

/// Other chats and their people.
static CHAT: Class = &[
    "微信", "wechat", "qq", "telegram", "line", "whatsapp", "飞机", "tg", "群", "专员", "顾问",
    "助理", "导师",
    // WeChat as job ads spell it past filters ("加V：…", "加vx", "加薇").
    "v", "vx", "wx", "薇", "威信",
];

/// Compensation.
static COMPENSATE: Class = &["赔", "赔偿", "赔付", "理赔", "补偿", "退款", "赔返"];

/// Multiples of it.
static MULTIPLE: Class = &["双倍", "两倍", "三倍", "全额", "十倍", "倍"];

/// A parcel or an order.
static PARCEL: Class = &[
    "快递",
    "包裹",
    "快件",
    "邮包",
    "邮件包裹",
    "件货",
    "货件",
    "商品",
    "货品",
    "物品",
];

/// Lost or broken.
static LOST: Class = &[
    "丢失",
    "遗失",
    "丢",
    "跌咗",
    "损坏",
    "压坏",
    "破损",
    "整烂",
    "滞留",
    "扣查",
    "质量问题",
    "召回",
    "烂咗",
];

/// Forbidden goods "found" in the reader's parcel or name: the customs or immigration
/// pretext that hands the victim on to "police" ("包裹入面搵到假護照", "郵包藏有違禁品").
static CONTRABAND: Class = &[
    "违禁品",
    "假护照",
    "假证件",
    "毒品",
    "可卡因",
    "冰毒",
    "走私",
    "禁运品",
    "枪支",
    "弹药",
    "多张银行卡",
    "多本护照",
    "伪造证件",
    "假身份证",
];

/// Getting in touch, or being put through ("同辦案人員聯絡", "按 9 字轉駁調查人員").
static CONTACT: Class = &[
    "联络", "联系", "致电", "拨打", "转驳", "接驳", "转接", "转到", "对接", "接通", "驳去", "搵",
    "找", "打俾", "打畀", "打给",
];

/// The officer said to handle the reader's case.
static CASE_OFFICER: Class = &[
    "查案人员",
    "办案警员",
    "主理警员",
    "侦查人员",
    "专案人员",
    "调查主任",
    "办案人员",
    "办案民警",
    "办案警官",
    "调查人员",
    "调查员",
    "专案组",
    "经办人",
    "负责警官",
    "主办警官",
    "侦查员",
    "承办人",
    "办案检察官",
];

/// Easy work.
static EASY: Class = &[
    "在家",
    "动动手指",
    "追剧",
    "看视频",
    "看影片",
    "点赞",
    "打分",
    "评分",
    "截图",
    "关注",
    "躺着",
    "空闲",
    "业余",
    "兼职",
    // Work from home, and the clicks paid for ("居家工作", "按讚、收藏", "寫好評").
    "居家",
    "按赞",
    "收藏",
    "好评",
    "评论",
    "做任务",
];

/// Earning from it.
static EARN: Class = &[
    "赚",
    "收入",
    "佣金",
    "日结",
    "出粮",
    "可得",
    "结算",
    "日入",
    "提币",
    // Pay by the piece or the day ("每单$20", "一天可領1500元", "零花钱").
    "可领",
    "奖金",
    "每单",
    "一单",
    "日赚",
    "零花钱",
];

/// Certainty that nothing is lost.
static SURE: Class = &[
    "零",
    "无",
    "没有",
    "从来没",
    "从未",
    "不会",
    "唔会",
    "保证不",
    "保证唔",
    "绝无",
    "毫无",
    "包你唔",
    "保你唔",
];

/// Certainty of gain.
static CERTAIN: Class = &["保证", "包", "稳", "绝对", "一定", "保你", "包你"];

/// Words holding 包 or 稳 that promise nothing ("钱包", "红包").
static NOT_CERTAIN: Class = &[
    "钱包",
    "红包",
    "包裹",
    "包括",
    "包含",
    "面包",
    "书包",
    "背包",
    "包装",
    "稳健",
    "稳定币",
    "不一定",
];

/// Losing money.
static LOSS: Class = &["风险", "亏", "输", "蚀"];

/// Returns.
static RETURN: Class = &[
    "收益", "回报", "赚", "盈利", "利润", "获利", "胜率", "翻倍", "回本",
];

/// Mentors and traders.
static MENTOR: Class = &[
    "老师",
    "导师",
    "操盘手",
    "分析师",
    "顾问",
    "专家",
    "团队",
    "大神",
    "交易员",
];

/// Leading trades.
static LEAD: Class = &[
    "带", "带队", "带单", "指导", "喊单", "发布", "推荐", "点位", "操作",
];

/// Knowledge from inside.
static INSIDE: Class = &["内部", "内幕", "独家"];
static NEWS: Class = &[
    "消息", "数据", "行情", "分析", "渠道", "名额", "资料", "信息", "窗口", "机会",
];

/// A wallet, and approving it to spend.
static WALLET: Class = &["钱包"];
static APPROVE: Class = &["授权"];

/// A detail filled in, and wrong.
static FIELD: Class = &[
    "填写",
    "户口名",
    "户名",
    "名字",
    "地址",
    "卡号",
    "资料",
    "信息",
    "账号",
];
static WRONG: Class = &[
    "错误",
    "有误",
    "唔啱",
    "不对",
    "错了",
    "错咗",
    "不符",
    "不一致",
];

/// Freezing and the money frozen.
static FREEZE: Class = &["冻结", "锁定", "锁住", "冻住", "被锁"];

/// A number changed or a phone lost: a relative writing from elsewhere.
static CHANGED: Class = &[
    "换",
    "停用",
    "不用了",
    "唔用",
    "登不上",
    "登唔到",
    "冇电",
    "冇晒电",
    "没电",
    "借咗",
    "借了",
    "丢了",
    "跌咗",
    "进水",
];

/// A phone that met a mishap ("手机掉水里了", "部機跌咗落海", "電話摔壞咗"): why a relative
/// writes from another number, the story's middle.
static HANDSET: Class = &["手机", "电话", "部机", "旧机", "旧电话"];
static MISHAP: Class = &[
    "掉水",
    "掉进",
    "掉厕所",
    "掉马桶",
    "掉了",
    "跌咗",
    "跌落",
    "跌烂",
    "摔坏",
    "摔烂",
    "摔碎",
    "坏了",
    "坏咗",
    "烂咗",
    "进水",
    "被偷",
    "被抢",
    "丢了",
    "唔见咗",
    "冇电",
    "没电",
];

/// A stranger's contact "by mistake" ("不好意思加錯人了", "唔好意思打錯咗"): the opener of
/// investment grooming, when the stranger stays to make friends.
static SORRY: Class = &["不好意思", "唔好意思", "抱歉", "对不起", "sorry"];
static MISDIALED: Class = &[
    "加错",
    "打错",
    "发错",
    "认错",
    "找错",
    "传错",
    "打错咗",
    "加错咗",
    "发错咗",
];
static BEFRIEND: Class = &[
    "交个朋友",
    "交朋友",
    "认识一下",
    "缘分",
    "投缘",
    "有缘",
    "你做边行",
    "你做什么",
    "你平时做",
    "做什么工作",
    "做哪行",
];

/// An order or account set by "mistake" to a dearer plan ("被誤設為批發商", "設定為12期
/// 分期"): the fake service's pretext.
static MIS_SET: Class = &[
    "误设",
    "误升",
    "被设定为",
    "被设置为",
    "被升级为",
    "被设为",
    "误开通",
    "重复设定",
    "被开通",
];
static DEARER_PLAN: Class = &["批发商", "经销商", "分期", "高级会员", "vip"];

/// The account to pay sent apart or later ("卡號私聊發你", "帳戶資料如附件", "帳號我等一下
///傳給你"): a boss's or partner's payment that the chat itself does not show.
static PAY_TO: Class = &[
    "卡号",
    "账号",
    "帐号",
    "账户",
    "帐户",
    "户口",
    "收款资料",
    "账户资料",
];
static APART: Class = &[
    "私聊",
    "私发",
    "私信",
    "单独发",
    "如附件",
    "见附件",
    "等下发",
    "等一下传",
    "等一下发",
    "等会发",
    "稍后发",
    "晚点发",
];
/// Paid by an hour named ("下午四點前要到賬", "三點半前處理完畢"): a payment's deadline.
static BEFORE: Class = &["前"];
static PAID_IN: Class = &[
    "到账",
    "到帐",
    "处理完毕",
    "处理好",
    "转过去",
    "付过去",
    "汇过去",
    "汇出",
];
/// The balance of an account reported to the sender ("把對公賬戶餘額報給我").
static BALANCE: Class = &["余额", "账上还有多少", "账上有多少"];
static REPORT: Class = &[
    "报给我",
    "发给我",
    "告诉我",
    "发我",
    "报我",
    "报一下",
    "截图给我",
];

/// A prize said to be won ("抽中二等獎", "中咗頭獎", "被選為幸運粉絲").
static WON: Class = &[
    "中奖",
    "抽中",
    "中咗",
    "获奖",
    "得奖",
    "荣获",
    "头奖",
    "一等奖",
    "二等奖",
    "三等奖",
    "一奖",
    "二奖",
    "三奖",
    "特奖",
    "被选为",
    "幸运观众",
    "幸运粉丝",
    "幸运客户",
    "幸运用户",
];
/// What the winner must pay before the prize comes ("支付稅金", "俾$500行政費").
static PRIZE_FEE: Class = &[
    "税金",
    "所得税",
    "个人所得税",
    "行政费",
    "手续费",
    "运费",
    "邮费",
    "公证费",
    "领奖费",
    "保证金",
];
/// Postage or tax waived ("免運費", "包邮"): no fee.
static NO_PRIZE_FEE: Class = &["免运费", "免邮费", "免手续费", "免税金", "运费险"];

/// A giveaway that sends back more coins than it is sent ("返還兩倍", "雙倍送返").
static DOUBLED: Class = &[
    "双倍返",
    "返双倍",
    "返还双倍",
    "返还两倍",
    "两倍返还",
    "双倍送返",
    "送返双倍",
    "双倍送回",
    "双倍奉还",
    "翻倍返还",
    "加倍返还",
];

/// A wallet connected to a site ("連接錢包", "连接您的钱包"), and the signature or
/// approval that lets the site spend from it.
static CONNECT_WALLET: Class = &[
    "连接钱包",
    "连结钱包",
    "链接钱包",
    "连线钱包",
    "连接您的钱包",
    "连接你的钱包",
    "连接你嘅钱包",
    "绑定钱包",
];
static SIGN: Class = &["签名", "签署", "授权", "approve"];

/// Points or miles said to expire ("積分將於本月底到期清零", "點數即將到期").
static POINTS: Class = &["积分", "点数", "积点", "里数", "红利"];
static EXPIRE: Class = &["到期", "过期", "清零", "失效", "作废"];

/// A parcel not delivered, and a fee to pay before it is ("派送失敗…支付重新派送費").
static UNDELIVERED: Class = &[
    "派送失败",
    "投递失败",
    "配送失败",
    "无法配送",
    "无法派送",
    "未能派送",
    "无法投递",
    "未能投递",
    "重新派送",
    "重新投递",
    "再次投递",
    "再次派送",
    "重新配送",
];
static PAY_FEE: Class = &[
    "支付",
    "缴付",
    "缴交",
    "缴纳",
    "补缴",
    "付款",
    "缴费",
    "补运费",
];

/// Something wrong with the reader's purchase, and a call asked for now ("您購買的商品有
///質量問題…現在方便嗎", "件貨有啲問題…而家方便傾兩句嗎"): the fake after-sales desk's
/// opener, which states a problem before any step.
static PROBLEM: Class = &[
    "有问题",
    "有点问题",
    "有啲问题",
    "质量问题",
    "出现问题",
    "出咗问题",
    "有质量",
    "不合格",
    "召回",
];
/// The sender introducing themself ("我係", "這裡是").
static I_AM: Class = &["我是", "我系", "这里是", "这里系", "我们是", "我哋系"];
/// A shop named only by its kind ("網購平台", "XX商城", "購物平台"), whose desk ("售後",
/// "客服") writes: the fake after-sales desk that names no real shop.
static SHOP_KIND: Class = &["平台", "商城", "网购", "网店", "电商", "购物"];
static DESK: &[&str] = &["客服", "售后", "客户服务"];
/// The reader's order in trouble ("你嗰單貨有問題", "您的訂單出現異常").
static GOODS: Class = &["订单", "单货", "件货", "商品", "货品"];
static FAULT: Class = &[
    "有问题",
    "有点问题",
    "有啲问题",
    "质量问题",
    "出现问题",
    "出咗问题",
    "异常",
    "不合格",
];
static NOW_FREE: Class = &[
    "方便吗",
    "方便嘛",
    "方便不",
    "方便倾",
    "方便讲",
    "方便听",
    "方便接听",
    "方便聊",
    "得唔得闲",
    "得闲吗",
];

/// "猜猜我是谁", "估下我係邊個": a caller who will not say who they are.
static GUESS: Class = &["猜猜", "猜一猜", "估下", "估吓", "估一估"];
static WHO_AM_I: Class = &["我是谁", "我系边个", "我系谁"];

/// The number kept: a new phone, the same number ("号码没变").
static UNCHANGED: Class = &["没变", "不变", "冇变", "唔变", "没换", "冇换", "唔换"];
static PHONE_WORD: Class = &["号", "号码", "手机", "电话", "微信", "部机"];

/// Hurry, in a relative's words.
static DEGREE: Class = &["有点", "有啲", "好", "很", "非常", "特别"];
static HURRY: Class = &["急", "赶", "紧急"];

/// Sending money to someone.
static TRANSFER: Class = &[
    "转", "转账", "汇", "汇款", "过数", "入数", "打钱", "打款", "借",
];

/// Asking a favour.
static FAVOUR: Class = &[
    "帮我",
    "帮下我",
    "可以先",
    "能不能",
    "可唔可以",
    "方便",
    "麻烦你",
];

/// Not the account holder.
static NOT_ME: Class = &[
    "如非",
    "若非",
    "如果不是",
    "如果唔系",
    "唔系",
    "不是",
    "并非",
];
static HOLDER: Class = &["本人", "你", "您", "阁下"];
/// What the denial names as done on the reader's card or account ("唔係你本人簽",
/// "如非本人登入", "若非您本人绑定"): the alarm of a callback, told as its denial. Not
/// "操作": "若非本人操作" closes every bank's own notice of a change it made.
static DENIED_ACT: Class = &[
    "签", "碌", "刷", "登入", "登录", "消费", "交易", "转账", "提款", "授权", "绑定",
];

/// A public body's own card or account ("医保卡", "社保账户", "个税", "公积金"): lapsing,
/// it is the pressure of a callback posing as the state.
static PUBLIC_LINE: Class = &[
    "医保卡",
    "医保账户",
    "医保帐户",
    "社保卡",
    "社保账户",
    "社保帐户",
    "公积金账户",
    "个税账户",
    "税务账户",
    "养老金账户",
    "etc卡",
    "etc认证",
];

/// Calling.
static CALL: Class = &[
    "致电", "拨打", "打", "联系", "联络", "揾", "call", "回拨", "回电", "洽",
    // Dialling in Taiwan ("請撥02-7705-…轉9").
    "拨",
];

/// A phone number, by shape.
static NUMBER: Class = &[PHONE];

/// What a callback alarm reports.
static ALERT: Class = &[
    "提走", "提取", "提币", "提款", "提现", "转出", "登录", "登入", "改", "修改", "绑定",
    // Withdrawing in Taiwan and in exchange jargon ("提領 0.8 BTC", "申請出金 5800 USDT").
    "提领", "出金", "出款",
    // Paying and sending ("向 Crypto Mart 支付 HK$7,850", "轉賬 $9,800").
    "支付", "转账", "汇款", "汇出", "取款",
    // A charge on the card or account ("一筆 HK$8,800 嘅消費", "簽賬 $3,200", "扣款 2999 元").
    "消费", "签账", "刷卡", "扣款", "扣账", "支出", "付款", "扣费",
    // A card signed or swiped in Cantonese ("張卡啱啱喺海外簽咗HK$7,980", "碌咗 $3,000").
    "签咗", "签了", "碌咗", "刷咗",
    // A renewal or deduction charged by itself ("自动续费每月800元", "年费1980元将自动扣除").
    "续费", "扣除",
];
static ALERT_OBJECT: Class = &["btc", "eth", "usdt", "地址", "密码", "设备", AMOUNT];

/// Relatives and friends who "work in finance".
static INSIDER_KIN: Class = &[
    "舅", "叔", "表哥", "表姐", "表叔", "姐夫", "亲戚", "朋友", "同学", "舅父", "伯父", "姑丈",
];
static FINANCE: Class = &[
    "交易所",
    "投行",
    "证券",
    "基金公司",
    "投资公司",
    "券商",
    "量化",
    "操盘",
    "资管",
    "分析师",
    "期货",
];

/// A line of service cut off or lapsing: a callback's alarm without a charge ("ETC卡已失效",
/// "門號將於今日停話", "额度…逾期将自动取消").
static CUT_OFF: Class = &[
    "失效",
    "停用",
    "停机",
    "停话",
    "停止使用",
    "注销",
    "暂停",
    "冻结",
    "停卡",
    "锁卡",
    "自动取消",
];
static SERVICE_LINE: Class = &[
    "卡",
    "账户",
    "户口",
    "帐户",
    "门号",
    "号码",
    "手机号",
    "会员",
    "服务",
    "网银",
    "额度",
    "etc",
];

/// A deadline counted from now ("24小時內", "於今日內", "48小时之内").
static DUE: Class = &[
    "小时", "今日", "今天", "当日", "当天", "限期", "即日",
    // Minutes ("請於 30 分鐘內回撥").
    "分钟",
];
/// A line cut off on a day named ("將於今日停話", "今天起停用"): the callback's pressure.
static TODAY_CUT: Class = &["今日", "今天", "当日", "当天", "即日", "今晚"];

/// Opting out of a charge that happens unless the reader acts ("如需取消", "若要退訂"):
/// the callback's pressure, an unasked charge to be stopped by calling.
static IF_WANT: Class = &[
    "如需",
    "如要",
    "若需",
    "若要",
    "如欲",
    "如想",
    "如果要",
    "如果想",
];

/// Something gone wrong with the reader's bill or account ("帳單異常", "账户出现异常").
static ANOMALY: Class = &["异常"];
static BILLED: Class = &[
    "账单", "帐单", "账户", "帐户", "账号", "帐号", "交易", "扣款",
];

/// The screen shared ("分享螢幕", "開啟屏幕共享", "投屏").
static SCREEN_SHARED: Class = &[
    "分享屏幕",
    "分享萤幕",
    "分享荧幕",
    "分享画面",
    "共享屏幕",
    "共享萤幕",
    "屏幕共享",
    "萤幕分享",
    "屏幕分享",
    "画面共享",
    "投屏",
];
/// The reader's online bank.
static ONLINE_BANK: Class = &[
    "网上银行",
    "网络银行",
    "网路银行",
    "网银",
    "手机银行",
    "银行app",
    "网上理财",
];
static WITHIN: Class = &["内", "之内"];

/// Handed on to the police ("而家幫你轉駁去大陸公安", "转接给民警").
static HAND_ON: Class = &["转驳", "接驳", "转接", "驳去", "转介", "转你去", "驳你去"];
static POLICE: Class = &[
    "公安",
    "警方",
    "警察",
    "警官",
    "民警",
    "检察官",
    "检察院",
    "法官",
    "督察",
    "探员",
    "阿sir",
    "派出所",
];

/// Teaching the reader to trade ("我可以教你開戶", "我帶你操作", "你有興趣我慢慢教你").
static TEACH: Class = &["教你", "教您", "带你", "带您", "带埋你", "教埋你", "手把手"];
static TRADE: Class = &[
    "开户", "操作", "投资", "入金", "下单", "注册", "理财", "炒", "赚", "买", "跟单",
];
static KEEN: Class = &["有兴趣", "想学", "想赚", "感兴趣", "想试"];

/// Gains the sender says they made on a platform or by following someone ("我在這個平台…
/// 已經賺了兩百多萬", "我自己跟咗幾次都有賺").
static VENUE: Class = &["平台", "跟咗", "跟了", "跟过", "跟单", "跟住", "跟着"];
static GAINED: Class = &[
    "赚了",
    "赚咗",
    "赚到",
    "有赚",
    "赚翻",
    "盈利了",
    "翻倍了",
    "回本了",
    "赚过",
];

/// A trial sum ("先放5萬試試看", "入一千蚊試下").
static SUM: Class = &[AMOUNT];
static TRY: Class = &["试试", "试下", "试一下", "试水", "试玩", "试吓"];

/// Today's deadline.
/// A deadline for the money bidden ("今晚十點之前", "明早十點前", "今日之內", "下班前").
static BY_WHEN: Class = &[
    "点前",
    "点钟前",
    "时前",
    "号前",
    "晚前",
    "午前",
    "班前",
    "工前",
    // Cantonese afternoon ("下晝前", "晏晝前").
    "昼前",
    "晚之前",
    "点之前",
    "钟之前",
    "日之前",
    "号之前",
    "天之前",
    "午之前",
    "班之前",
    "工之前",
    "夜之前",
    "今日之内",
    "今天之内",
    "当日之内",
    "小时内",
    "小时之内",
    "分钟内",
    "分钟之内",
    "今日内",
    "今天内",
];
/// A regular bill the payer knows by name ("月尾前入租", "學費", "管理費", "薪資"): a
/// deadline on it is a reminder, not a scam's clock.
static BILL: Class = &[
    "租",
    "学费",
    "学杂费",
    "管理费",
    "水费",
    "电费",
    "水电",
    "月供",
    "会费",
    "工资",
    "薪",
    "人工",
    "保费",
    "团费",
    "伙食费",
    "家用",
    "补习费",
    "订单",
    "下单",
];
static TODAY: Class = &["今晚", "今日", "今天", "限时", "明天", "今夜"];
static CLOSES: Class = &["截止", "结束", "为止", "截单", "过期", "失效"];

/// Guiding the victim through the "operation".
static GUIDE: Class = &[
    "指导",
    "指引",
    "教",
    "依指示",
    "按指示",
    "按照提示",
    "跟指示",
];
static OPERATE: Class = &["操作", "办理", "设置"];

/// A task's unit and its reward.
static TASK_UNIT: Class = &["订单", "任务", "抢单", "派单", "做单"];
static REWARD: Class = &["奖励", "佣金", "返利", "返佣", "提成", "回馈"];

/// The principal returned with a profit.
static PRINCIPAL: Class = &["本金", "本钱"];
static PROFIT: Class = &["奖励", "佣金", "利息", "收益", "利润", "返利"];

/// A cash machine, worked on someone's instructions ("至ATM操作解除設定"): no bank
/// cancels anything at an ATM.
static ATM: Class = &["atm", "柜员机", "提款机"];
static WORK: Class = &["操作", "设定", "设置", "解除", "取消"];

/// A charge that repeats by itself, to be cancelled: the fake-subscription pretext
/// ("每月將自動扣款", "自动续费").
static AUTO_DEBIT: Class = &["自动扣款", "自动扣费", "自动续费", "每月扣", "重复扣款"];
static CANCEL: Class = &["取消", "解除", "关闭", "退订"];

/// Money pooled to buy in ("夾錢入貨", "大家凑钱建仓").
static POOL: Class = &["夹钱", "凑钱", "夹份", "合资"];
static STOCK_UP: Class = &["入货", "建仓", "入场", "抄底", "上车", "买币"];

/// A refund with interest on top ("連利息一齊退返", "连同佣金一并返还").
static WITH: Class = &["连", "连同", "连埋", "加埋"];

/// An amount in coins ("1000 USDT", "一万U").
static COIN_SUM: Class = &[COINS];

/// Guards: words reporting someone else's request ("叫我转", "要求我").
static REPORTING: Class = &[
    "叫我",
    "要我",
    "让我",
    "要求我",
    "叫佢",
    "叫他",
    "叫她",
    "让他",
    "让她",
    "要他",
    "要佢",
    "同我讲",
    "跟我说",
    "话我",
];

/// A concept rule: two classes in one sentence, the second within `gap` characters
/// after the first (`either`: in either order), and the step they make.
pub(crate) struct ZhRule {
    first: Class,
    second: Class,
    gap: usize,
    either: bool,
    pub families: Families,
    pub step: Step,
    pub tactic: T,
    pub reason: R,
    pub conf: f32,
}

/// The families that ask for money.
const ASKING: Families = A | L | S | Q | K | I;

use Step::{Ask, Pressure, Pretext};

#[allow(clippy::too_many_arguments)]
const fn rule(
    first: Class,
    second: Class,
    gap: usize,
    either: bool,
    families: Families,
    step: Step,
    tactic: T,
    reason: R,
    conf: f32,
) -> ZhRule {
    ZhRule {
        first,
        second,
        gap,
        either,
        families,
        step,
        tactic,
        reason,
        conf,
    }
}

const SEC: T = T::SecretRequest;

/// Every rule.
pub(crate) static RULES: &[ZhRule] = &[
    // "把交易所里的USDT全部提到", "将啲币转去", "存夠一萬U", "补足4200U".
    rule(
        MOVE,
        MONEY,
        8,
        true,
        ASKING,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.45,
    ),
    // "喺交易所買啲USDT", "购买泰达币".
    rule(
        BUY,
        COIN,
        4,
        false,
        K | I | S | A,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    // "转到我们指定的", "打到这个账户": an account the sender gives.
    rule(
        MOVE,
        DEICTIC,
        4,
        false,
        ASKING,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    // "暂存至监管钱包", "国家清算钱包", "保护账户".
    rule(
        SHIELD,
        ACCOUNT,
        3,
        false,
        A | S | L,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.6,
    ),
    // "將啲幣轉去我哋個冷錢包", "请马上把币转到冷钱包".
    rule(
        MOVE,
        COLD,
        8,
        false,
        A | S | L,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.6,
    ),
    // "交俾我哋托管".
    rule(
        HAND,
        CUSTODY,
        4,
        false,
        A | S | L,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.6,
    ),
    // "补齐差额", "缴纳8%的解锁费", "过 4000 蚊做资料更正费", "缴纳一笔保全金".
    rule(
        SETTLE,
        FEE,
        10,
        false,
        ASKING,
        Ask,
        QPQ,
        R::QuidProQuoFee,
        0.5,
    ),
    // "开通会员", "升级VIP".
    rule(
        ACTIVATE,
        TIER,
        3,
        false,
        K | I | L,
        Ask,
        QPQ,
        R::QuidProQuoFee,
        0.4,
    ),
    // "才能解除并拨款", "后方可到账", "先至可以攞返".
    rule(
        CONDITION,
        RELEASE,
        4,
        false,
        L | K | I | S,
        Pressure,
        QPQ,
        R::QuidProQuoFee,
        0.4,
    ),
    // "奖励作废", "冻结账户并清空佣金".
    rule(
        FORFEIT,
        EARNED,
        6,
        true,
        K | I | L,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.5,
    ),
    // "否则将冻结", "逾期将发出逮捕令", "唔系就要拉你".
    rule(
        OTHERWISE,
        CONSEQUENCE,
        10,
        false,
        A | S | L | K | I | C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.4,
    ),
    // "刑事局偵查隊", "经济犯罪侦查大队", "商业罪案调查科", "最高检专案组".
    rule(
        DOMAIN,
        OFFICE,
        4,
        false,
        A,
        Pretext,
        PRE,
        R::PretextAuthority,
        0.5,
    ),
    // "涉嫌为诈骗团伙", "与一起跨国洗钱案有关", "收过黑钱".
    rule(
        ACCUSE,
        CRIME,
        8,
        true,
        A,
        Pressure,
        URG,
        R::UrgencyLegal,
        0.5,
    ),
    // "证明自己清白".
    rule(
        PROVE,
        INNOCENT,
        4,
        false,
        A,
        Pressure,
        URG,
        R::UrgencyLegal,
        0.6,
    ),
    // "请勿向家人或银行透露", "唔好同任何人提起", "别跟爸妈说".
    rule(
        NOT,
        TELL,
        8,
        false,
        A | Q | I,
        Pressure,
        URG,
        R::UrgencyLegal,
        0.5,
    ),
    // "保持通话", "唔好收线".
    rule(HOLD, LINE, 2, false, A, Pressure, URG, R::UrgencyLegal, 0.5),
    rule(
        NO_HANG,
        HANG,
        1,
        false,
        A,
        Pressure,
        URG,
        R::UrgencyLegal,
        0.5,
    ),
    // "安装 AnyDesk", "裝個遙控程式", "进入会议室".
    rule(
        INSTALL,
        REMOTE,
        6,
        false,
        A | S | L,
        Ask,
        OFF,
        R::OffPlatformApp,
        0.6,
    ),
    // "把畫面分享給", "开屏幕共享".
    rule(
        SHARE,
        SCREEN,
        4,
        true,
        A | S | L,
        Ask,
        OFF,
        R::OffPlatformApp,
        0.6,
    ),
    // "開啟分享螢幕後再登入您的網路銀行": the screen shared while the bank is open,
    // an ask nobody legitimate makes.
    rule(
        SCREEN_SHARED,
        ONLINE_BANK,
        16,
        true,
        A | S | L,
        Ask,
        OFF,
        R::OffPlatformApp,
        0.7,
    ),
    // "远程帮您核对", "遠端幫你處理".
    rule(
        AFAR,
        FOR_YOU,
        4,
        false,
        A | S | L,
        Ask,
        OFF,
        R::OffPlatformApp,
        0.6,
    ),
    // "输入你嗰12個英文字", "提供助记词".
    rule(
        GIVE,
        SEED,
        10,
        false,
        A | S | L | Q | I,
        Ask,
        SEC,
        R::SecretSeed,
        0.7,
    ),
    // "提供验证码", "俾我一次性密码".
    rule(
        GIVE,
        CODE,
        8,
        false,
        A | S | L,
        Ask,
        SEC,
        R::SecretCode,
        0.5,
    ),
    // "收到條驗證碼可唔可以send返俾我", "把收到的验证码发给我": the code the reader got,
    // handed back (a notice tells the reader to keep it: "請勿提供給他人").
    rule(
        CODE,
        TO_ME,
        14,
        false,
        A | S | L | Q,
        Ask,
        SEC,
        R::SecretCode,
        0.8,
    ),
    // "提供收款账号", "发收款码".
    rule(
        GIVE,
        BANK_DETAILS,
        6,
        false,
        S | L,
        Ask,
        SEC,
        R::SecretIdentity,
        0.5,
    ),
    // "加入LINE官方理赔群", "添加理赔专员".
    rule(
        JOIN,
        CHAT,
        8,
        false,
        S | K | I | L | Q,
        Ask,
        OFF,
        R::OffPlatformContact,
        0.4,
    ),
    // "三倍补偿", "全额赔付", "赔你两倍".
    rule(
        COMPENSATE,
        MULTIPLE,
        4,
        true,
        S,
        Pretext,
        PRE,
        R::PretextSupport,
        0.5,
    ),
    // "包裹入面搵到假護照", "邮包藏有违禁品": the customs pretext.
    rule(
        PARCEL,
        CONTRABAND,
        10,
        false,
        A,
        Pressure,
        URG,
        R::UrgencyLegal,
        0.5,
    ),
    // "同辦案人員聯絡", "转接调查人员", "联系专案组": handed on to the "officer".
    rule(
        CONTACT,
        CASE_OFFICER,
        4,
        true,
        A,
        Ask,
        OFF,
        R::OffPlatformContact,
        0.4,
    ),
    // "包裹運送途中遺失", "快递在分拣中心被压坏".
    rule(
        PARCEL,
        LOST,
        8,
        false,
        S,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.4,
    ),
    // "在家追劇也能賺錢", "手机点赞日结".
    rule(
        EASY,
        EARN,
        12,
        true,
        K,
        Pretext,
        TOO,
        R::TooGoodReturns,
        0.4,
    ),
    // "包你唔會輸", "零风险", "从来没亏过".
    rule(
        SURE,
        LOSS,
        2,
        false,
        I | K,
        Pressure,
        TOO,
        R::TooGoodReturns,
        0.6,
    ),
    // "保证每周收益一成以上", "稳定盈利".
    rule(
        CERTAIN,
        RETURN,
        6,
        false,
        I | K,
        Pressure,
        TOO,
        R::TooGoodReturns,
        0.6,
    ),
    // "操盘手带队", "老师喊单", "跟着老师操作".
    rule(
        MENTOR,
        LEAD,
        6,
        true,
        I,
        Pretext,
        TOO,
        R::TooGoodInsider,
        0.5,
    ),
    // "内部行情", "内幕消息".
    rule(
        INSIDE,
        NEWS,
        3,
        false,
        I,
        Pretext,
        TOO,
        R::TooGoodInsider,
        0.5,
    ),
    // "钱包授权", "授权钱包": approving a drainer.
    rule(
        WALLET,
        APPROVE,
        6,
        true,
        I | K | S,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.6,
    ),
    // "户口名唔啱", "钱包地址格式错误".
    rule(
        FIELD,
        WRONG,
        6,
        false,
        L | S,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.5,
    ),
    // "资金被系统锁定", "账户目前被风控冻结".
    // (Not "冻结账户": that is what a real exchange tells its user to do.)
    rule(
        MONEY,
        FREEZE,
        6,
        false,
        L | S,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.4,
    ),
    rule(
        ACCOUNT,
        FREEZE,
        6,
        false,
        L | S,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.4,
    ),
    // "換手機號了", "舊號碼停用了", "微信登不上", "借咗朋友部機".
    rule(
        CHANGED,
        PHONE_WORD,
        4,
        true,
        Q,
        Pretext,
        PRE,
        R::PretextFriend,
        0.6,
    ),
    // "不好意思加錯人了…交個朋友吧", "打錯咗😅 不過都係緣分，你做邊行㗎？": the
    // stranger's mistake, then friendship offered (investment grooming's first two moves).
    rule(
        SORRY,
        MISDIALED,
        3,
        false,
        I,
        Pretext,
        PRE,
        R::PretextFriend,
        0.4,
    ),
    rule(
        MISDIALED,
        BEFRIEND,
        30,
        false,
        I,
        Ask,
        PRE,
        R::PretextFriend,
        0.4,
    ),
    // "帳號被誤設為批發商", "訂單被設定為12期分期扣款".
    rule(
        MIS_SET,
        DEARER_PLAN,
        6,
        false,
        S,
        Pretext,
        PRE,
        R::PretextSupport,
        0.5,
    ),
    // "依專員指示操作網路銀行解除設定": the bank worked on instructions to undo a
    // setting (not "已通过手机银行完成转账操作", a deed reported).
    rule(
        ONLINE_BANK,
        CANCEL,
        4,
        false,
        S | A | L,
        Ask,
        QPQ,
        R::QuidProQuoHelp,
        0.5,
    ),
    // A boss's payment: "卡號私聊發你", "帳戶資料如附件"; "下午四點前要到賬"; "把對公
    // 賬戶餘額報給我".
    rule(
        PAY_TO,
        APART,
        4,
        false,
        Q,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    rule(
        BEFORE,
        PAID_IN,
        2,
        false,
        Q,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.4,
    ),
    rule(
        BALANCE,
        REPORT,
        3,
        false,
        Q,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    // "抽獎中獲得二獎…請支付稅金", "中咗頭獎…俾$500行政費": a prize that costs a fee
    // first (no family's step: a prize claim is judged like a paid service).
    rule(
        WON,
        PRIZE_FEE,
        48,
        false,
        0,
        Ask,
        QPQ,
        R::QuidProQuoFee,
        0.5,
    ),
    // "我係購物平台嘅客服", "這裡是XX商城客服": a desk of a shop named only by its kind
    // (the desk is checked in `steps`).
    rule(
        I_AM,
        SHOP_KIND,
        6,
        false,
        S,
        Pretext,
        PRE,
        R::PretextSupport,
        0.5,
    ),
    // "你嗰單貨有問題", "您的訂單出現異常".
    rule(
        GOODS,
        FAULT,
        4,
        false,
        S,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.3,
    ),
    // "您購買的商品有質量問題…現在方便嗎": after-sales with a problem and a call now.
    rule(
        PROBLEM,
        NOW_FREE,
        40,
        false,
        S,
        Ask,
        PRE,
        R::PretextSupport,
        0.3,
    ),
    // "轉 1 ETH 即刻返還兩倍", "轉幾多幣過去佢就雙倍送返": the doubling giveaway (no
    // family's step: a lure judged like a paid service).
    rule(
        COIN,
        DOUBLED,
        30,
        true,
        0,
        Ask,
        T::Baiting,
        R::BaitMultiply,
        0.6,
    ),
    // "連接錢包並簽署授權", "连接您的钱包，确认签名": an airdrop that asks to sign (no
    // finding of its own: a warning's "切勿簽名" may follow the wallet's sentence).
    rule(
        CONNECT_WALLET,
        SIGN,
        30,
        true,
        0,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.15,
    ),
    // "積分將於本月底到期清零": a lure only with a link not the sender's (see [`lure`]).
    rule(
        POINTS,
        EXPIRE,
        16,
        false,
        0,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.3,
    ),
    // "派送失敗，請支付重新派送費": likewise only with a link not the sender's.
    rule(
        UNDELIVERED,
        PAY_FEE,
        30,
        true,
        0,
        Ask,
        QPQ,
        R::QuidProQuoFee,
        0.15,
    ),
    // "手機掉水裡了", "部機跌咗落海": why another number (the story's middle).
    rule(
        HANDSET,
        MISHAP,
        4,
        false,
        Q,
        Pretext,
        PRE,
        R::PretextFriend,
        0.6,
    ),
    // "猜猜我是谁": who the sender is, withheld (the story's middle too).
    rule(
        GUESS,
        WHO_AM_I,
        1,
        false,
        Q,
        Pretext,
        PRE,
        R::PretextFriend,
        0.5,
    ),
    // "你save低呢個先", "记低我新号码": the new number's keeping, part of its opener
    // (a pretext like it: weak alone, a real child says it too; a script with an ask).
    rule(
        SAVE,
        SAVE_WHAT,
        4,
        false,
        Q,
        Pretext,
        PRE,
        R::PretextFriend,
        0.3,
    ),
    // "搵咗個黑客幫手追返晒", "黑客可以追回": a recovery pitch.
    rule(
        HACKER,
        RECOVER,
        8,
        true,
        L | I,
        Pretext,
        TOO,
        R::TooGoodRecovery,
        0.6,
    ),
    // "追踪到您被骗的资金…启动追回程序".
    rule(
        SCAMMED,
        RECOVER,
        24,
        true,
        L | I,
        Pretext,
        TOO,
        R::TooGoodRecovery,
        0.5,
    ),
    // "追返晒，佢TG係 @…": the recoverer's chat, handed on.
    rule(
        RECOVER,
        CHAT_APP,
        20,
        true,
        L | I,
        Ask,
        OFF,
        R::OffPlatformContact,
        0.5,
    ),
    // "上面批咗資產保護令", "你的资金冻结令已下达".
    rule(
        ASSETS,
        ORDER,
        2,
        false,
        A,
        Pretext,
        PRE,
        R::PretextAuthority,
        0.6,
    ),
    // "要入錢升級VIP", "充值开通会员": paying to climb a tier.
    rule(
        MOVE,
        ACTIVATE,
        3,
        false,
        K | I,
        Ask,
        QPQ,
        R::QuidProQuoFee,
        0.6,
    ),
    // "有點急", "好趕".
    rule(
        DEGREE,
        HURRY,
        0,
        false,
        Q,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.4,
    ),
    // "可以先幫我轉一下", "方便先匯".
    rule(
        FAVOUR,
        TRANSFER,
        4,
        false,
        Q,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    // "存夠一萬U即送三千", "新人首充 1000 USDT 贈送": a deposit in coins, offered or not.
    rule(
        MOVE,
        COIN_SUM,
        3,
        false,
        K | I,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.45,
    ),
    // "我舅父喺新加坡做交易所", "表叔在香港做量化".
    rule(
        INSIDER_KIN,
        FINANCE,
        8,
        false,
        I,
        Pretext,
        TOO,
        R::TooGoodInsider,
        0.5,
    ),
    // "今晚十點之前入兩萬", "今日之內過一萬五": a sum bidden by a deadline, no "please".
    rule(
        BY_WHEN,
        SUM,
        2,
        false,
        ASKING,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.4,
    ),
    // "今晚截止", "限时到今天为止".
    rule(
        TODAY,
        CLOSES,
        3,
        false,
        I | K,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.4,
    ),
    // "专员会指导您操作退费", "教你设置".
    rule(
        GUIDE,
        OPERATE,
        3,
        false,
        S | A | L,
        Ask,
        QPQ,
        R::QuidProQuoHelp,
        0.4,
    ),
    // "匹配了一笔超级订单，奖励翻三倍", "每个任务佣金".
    rule(
        TASK_UNIT,
        REWARD,
        8,
        true,
        K,
        Pretext,
        TOO,
        R::TooGoodReturns,
        0.4,
    ),
    // "本金和奖励一起到账", "连本金带佣金".
    rule(
        PRINCIPAL,
        PROFIT,
        3,
        true,
        K | I,
        Pressure,
        TOO,
        R::TooGoodReturns,
        0.5,
    ),
    // "依指示至ATM操作", "去櫃員機設定".
    rule(
        ATM,
        WORK,
        4,
        false,
        S | A | L,
        Ask,
        QPQ,
        R::QuidProQuoHelp,
        0.5,
    ),
    // "每月將自動扣款…如需取消".
    rule(
        AUTO_DEBIT,
        CANCEL,
        12,
        false,
        S,
        Pretext,
        PRE,
        R::PretextSupport,
        0.4,
    ),
    // "夾錢入貨", "凑钱抄底".
    rule(
        POOL,
        STOCK_UP,
        4,
        false,
        I | Q,
        Ask,
        PAY,
        R::PaymentTransfer,
        0.5,
    ),
    // "連利息一齊退返", "连同佣金一并返还".
    rule(
        WITH,
        PROFIT,
        2,
        false,
        K | I,
        Pressure,
        TOO,
        R::TooGoodReturns,
        0.4,
    ),
    // "而家幫你轉駁去大陸公安", "转接给办案民警": handed on to the "police".
    rule(
        HAND_ON,
        POLICE,
        4,
        false,
        A,
        Ask,
        OFF,
        R::OffPlatformContact,
        0.4,
    ),
    // "我可以教你開戶", "我帶你操作", "你有興趣我慢慢教你": the reader led into trading.
    rule(TEACH, TRADE, 4, false, I, Ask, TOO, R::TooGoodInsider, 0.4),
    rule(KEEN, TEACH, 6, false, I, Ask, TOO, R::TooGoodInsider, 0.4),
    // "在這個平台…已經賺了兩百多萬", "跟咗幾次都有賺": the sender's own gains.
    rule(
        VENUE,
        GAINED,
        12,
        false,
        I | K,
        Pressure,
        TOO,
        R::TooGoodReturns,
        0.4,
    ),
    // "先放5萬試試看": a trial sum.
    rule(SUM, TRY, 4, false, I | K, Ask, PAY, R::PaymentTransfer, 0.4),
    // Callbacks: "ETC卡已失效", "門號將於今日停話"; "請於24小時內".
    rule(
        SERVICE_LINE,
        CUT_OFF,
        8,
        true,
        C,
        Pretext,
        PRE,
        R::PretextSupport,
        0.05,
    ),
    rule(
        DUE,
        WITHIN,
        1,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyDeadline,
        0.05,
    ),
    // Callbacks: "唔係你做嘅話", "如非您本人設定"; "即刻打 +852…"; "提走 2.5 BTC".
    rule(
        NOT_ME,
        HOLDER,
        2,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.05,
    ),
    rule(CALL, NUMBER, 8, false, C, Ask, PRE, R::PretextSupport, 0.05),
    // Callbacks: "如果唔係你本人簽", "若非本人登入": the charge or login told by its
    // denial; "医保卡将于明日停用", "社保卡已被冻结": a public body's card lapsing.
    rule(
        NOT_ME,
        DENIED_ACT,
        5,
        false,
        C,
        Pretext,
        PRE,
        R::PretextSupport,
        0.05,
    ),
    rule(
        PUBLIC_LINE,
        CUT_OFF,
        14,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.05,
    ),
    // Callbacks: "門號將於今日停話", "如需取消請回撥", "帳單異常".
    rule(
        TODAY_CUT,
        CUT_OFF,
        3,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.05,
    ),
    rule(
        IF_WANT,
        CANCEL,
        2,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.05,
    ),
    rule(
        BILLED,
        ANOMALY,
        3,
        false,
        C,
        Pressure,
        URG,
        R::UrgencyAccountThreat,
        0.05,
    ),
    rule(
        ALERT,
        ALERT_OBJECT,
        6,
        true,
        C,
        Pretext,
        PRE,
        R::PretextSupport,
        0.05,
    ),
];

/// Classes of words that are never a hit of another class they overlap: `(class, not)`.
static VETOES: &[(Class, Class)] = &[
    (FEE, NOT_FEE),
    (PRIZE_FEE, NO_PRIZE_FEE),
    (MOVE, NOT_MOVE),
    (SETTLE, NOT_MOVE),
    (CERTAIN, NOT_CERTAIN),
    (MODAL, NOT_MODAL),
    (MONEY, NOT_MONEY),
    (COIN, NOT_MONEY),
    (DEICTIC, NOT_DEICTIC),
];

/// Whether `rule` is an ask nobody legitimate makes, a script on its own in a short direct
/// text: money to a "safe" account, a code handed back, the seed words. (Not an app
/// installed: "開會" opens a meeting.)
pub(crate) fn strong(rule: &ZhRule) -> bool {
    [
        (SHIELD, ACCOUNT),
        (CODE, TO_ME),
        (GIVE, SEED),
        (SCREEN_SHARED, ONLINE_BANK),
    ]
    .iter()
    .any(|&(a, b)| same(rule.first, a) && same(rule.second, b))
}

/// Whether `rule` is a prize that costs a fee first: judged like a paid service.
pub(crate) fn prize_fee(rule: &ZhRule) -> bool {
    same(rule.first, WON)
}

/// Whether `rule` is a lure judged like a paid service, as a prize that costs a fee
/// is: coins sent back doubled, a wallet connected and signed for; points about to expire
/// and a redelivery fee only with a suspicious link (`linked`: a carrier's own notice
/// sends to its app).
pub(crate) fn lure(rule: &ZhRule, linked: bool) -> bool {
    prize_fee(rule)
        || same(rule.second, DOUBLED)
        || same(rule.first, CONNECT_WALLET)
        || (linked && (same(rule.first, POINTS) || same(rule.first, UNDELIVERED)))
}

/// Whether `rule` tells why the sender writes from another number or will not say who
/// they are ("手機跌咗落水", "猜猜我是誰"): with the new number, the story told in full.
pub(crate) fn accident(rule: &ZhRule) -> bool {
    same(rule.second, MISHAP) || same(rule.second, WHO_AM_I)
}

/// Whether secrecy by `rule` counts only beside an ask of its family (a gift kept
/// secret, "不要告诉妈妈，给她一个惊喜", is no script).
pub(crate) fn needs_ask(rule: &ZhRule) -> bool {
    same(rule.first, NOT)
}

fn same(a: Class, b: Class) -> bool {
    std::ptr::eq(a, b)
}

/// The automaton over every class's entries, and the classes each entry belongs to.
struct Index {
    automaton: AhoCorasick,
    /// Per pattern, the numbers of its classes.
    owners: Vec<Vec<usize>>,
    /// Every class, by number.
    classes: Vec<Class>,
    /// The classes holding [`AMOUNT`] and [`PHONE`].
    amount: Vec<usize>,
    phone: Vec<usize>,
    /// The classes holding [`COINS`].
    coins: Vec<usize>,
    /// Each rule's two classes, in the order of [`RULES`].
    rules: Vec<(usize, usize)>,
    /// Each veto's classes, as in [`VETOES`].
    vetoes: Vec<(usize, usize)>,
    /// The guards: reporting, unchanged, modal, secrets.
    guards: [usize; 4],
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut classes: Vec<Class> = Vec::new();
        let all = RULES
            .iter()
            .flat_map(|r| [r.first, r.second])
            .chain(VETOES.iter().flat_map(|&(a, b)| [a, b]))
            .chain([REPORTING, UNCHANGED, MODAL, SECRETS, SELF_KEEP, BY_WHEN]);
        for class in all {
            if !classes.iter().any(|&c| same(c, class)) {
                classes.push(class);
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let (mut amount, mut phone, mut coins) = (Vec::new(), Vec::new(), Vec::new());
        for (n, class) in classes.iter().enumerate() {
            for &entry in *class {
                if entry == AMOUNT {
                    amount.push(n);
                    continue;
                }
                if entry == PHONE {
                    phone.push(n);
                    continue;
                }
                if entry == COINS {
                    coins.push(n);
                    continue;
                }
                let folded = crate::fold::fold_phrase(entry);
                match patterns.iter().position(|p| *p == folded) {
                    Some(p) => owners[p].push(n),
                    None => {
                        patterns.push(folded);
                        owners.push(vec![n]);
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the Chinese concept automaton builds");
        let number = |class: Class| {
            classes
                .iter()
                .position(|&c| same(c, class))
                .expect("every class the rules use is indexed")
        };
        let rules = RULES
            .iter()
            .map(|r| (number(r.first), number(r.second)))
            .collect();
        let vetoes = VETOES
            .iter()
            .map(|&(a, b)| (number(a), number(b)))
            .collect();
        let guards = [REPORTING, UNCHANGED, MODAL, SECRETS].map(number);
        Index {
            rules,
            vetoes,
            guards,
            automaton,
            owners,
            classes,
            amount,
            phone,
            coins,
        }
    })
}

/// Chinese numerals that make a number, and those that make it money on their own
/// ("一万", "三千": nobody counts parcels in ten thousands).
const NUMERALS: &str = "零一二两三四五六七八九十百千万亿廿几";
const MAGNITUDES: &str = "千万亿";

/// Currencies and coins after a number (folded, lowercase).
const UNITS: &[&str] = &[
    "usdt", "u", "btc", "eth", "trx", "币", "枚", "元", "块", "蚊", "万", "千", "港币", "港元",
    "美元", "美金", "rmb", "hkd", "usd", "k", "w",
];

/// The units of [`UNITS`] that are coins.
const COIN_UNITS: &[&str] = &["usdt", "u", "btc", "eth", "trx", "币", "枚"];

/// Amounts of money by shape (and whether in coins): a number with a currency or coin after it, a currency
/// sign before it, or a Chinese magnitude in it. Bare digits are no amount here (phone
/// numbers, dates, order numbers).
fn amounts(text: &str) -> Vec<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        // A magnitude alone ("上千岗位", "千元起") counts nothing.
        let numeral = NUMERALS.contains(c) && c != '零' && !MAGNITUDES.contains(c);
        if !(c.is_ascii_digit() || numeral) || (i > 0 && is_word(bytes[i - 1])) {
            i += c.len_utf8();
            continue;
        }
        // "+852": a phone number.
        if i > 0 && bytes[i - 1] == b'+' {
            i += skip_number(text, i);
            continue;
        }
        let len = skip_number(text, i);
        let number = &text[i..i + len];
        let mut end = i + len;
        let rest = text[end..].trim_start_matches(' ');
        let spaced = text.len() - end - rest.len();
        let lower = rest
            .get(..rest.floor_char_boundary(6))
            .unwrap_or("")
            .to_ascii_lowercase();
        let unit = UNITS
            .iter()
            .find(|u| {
                lower.starts_with(*u)
                    && !lower
                        .as_bytes()
                        .get(u.len())
                        .is_some_and(|&b| b.is_ascii_alphabetic())
            })
            // "一块去": together, not one yuan.
            .filter(|&&u| !(number == "一" && u == "块"));
        let signed = text[..i].ends_with(['$', '¥', '￥']);
        // "千万不要", "万一": no sums.
        let magnitude =
            number.chars().any(|c| MAGNITUDES.contains(c)) && !matches!(number, "千万" | "万一");
        if let Some(u) = unit {
            end += spaced + u.len();
        }
        if unit.is_some() || signed || magnitude {
            out.push((i, end, unit.is_some_and(|u| COIN_UNITS.contains(u))));
        }
        i = end.max(i + 1);
        i = text.ceil_char_boundary(i);
    }
    out
}

/// The length of the number at `i`: digits with inner commas and points, or numerals.
fn skip_number(text: &str, i: usize) -> usize {
    let mut prev_digit = false;
    let mut len = 0;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next_digit = chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
        let ok = c.is_ascii_digit()
            || NUMERALS.contains(c)
            || (matches!(c, ',' | '.') && prev_digit && next_digit);
        if !ok {
            break;
        }
        prev_digit = c.is_ascii_digit();
        len = k + c.len_utf8();
    }
    len
}

/// Phone numbers by shape: a `+` and digits, or seven digits or more (spaces and dashes
/// between groups).
fn phones(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let plus = bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(plus || bytes[i].is_ascii_digit()) || (i > 0 && is_word(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i + usize::from(plus);
        let mut digits = 0;
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                digits += 1;
            } else if !(matches!(bytes[j], b' ' | b'-')
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit))
            {
                break;
            }
            j += 1;
        }
        if digits >= 7 || (plus && digits >= 6) {
            out.push((i, j));
        }
        i = j.max(i + 1);
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether an ASCII-edged match stands alone ("line" is not in "online").
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let bytes = text.as_bytes();
    let alnum_edge = |k: usize| bytes[k].is_ascii_alphanumeric();
    let glued_start = s > 0 && alnum_edge(s) && is_word(bytes[s - 1]);
    let glued_end = alnum_edge(e - 1) && bytes.get(e).copied().is_some_and(is_word);
    !(glued_start || glued_end)
}

/// Sentence ends in the folded text: byte offsets after each end.
fn sentence_ends(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .collect()
}

/// Whether at most `gap` characters lie between `a` and `b` (`a <= b`), a run of ASCII
/// letters and digits counting as one ("补齐 650 USDT 的差额": four) and spaces as none.
fn within(text: &str, a: usize, b: usize, gap: usize) -> bool {
    if b < a {
        return false;
    }
    let mut n = 0;
    let mut in_word = false;
    for c in text[a..b].chars() {
        let word = c.is_ascii_alphanumeric() || (in_word && matches!(c, ',' | '.'));
        if !(c == ' ' || (word && in_word)) {
            n += 1;
            if n > gap {
                return false;
            }
        }
        in_word = word;
    }
    true
}

/// Whether the hit at `s..e` is a deed already done ("已转入", "转了", "过咗数"), not
/// needed ("唔使俾"), or money paid to the reader ("转给你", "存入你嘅户口").
fn done_or_paid(text: &str, s: usize, e: usize, paying: bool) -> bool {
    let before = &text[text.floor_char_boundary(s.saturating_sub(9))..s];
    // "毋須預先繳付", "无需另外支付": the need is denied across an adverb.
    // The first half of a two-character verb ("缴付", "支付") belongs to the hit.
    let wider = text[text.floor_char_boundary(s.saturating_sub(15))..s]
        .trim_end_matches(['缴', '交', '支']);
    let unneeded = ["预先", "事先", "另外", "额外", "另行", "再", "先", "预"]
        .iter()
        .find_map(|a| wider.strip_suffix(a))
        .unwrap_or(before);
    let after = &text[e..text.floor_char_boundary((e + 9).min(text.len()))];
    before.contains('已')
        || before.ends_with("成功")
        // "唔使俾返錢我", "无需支付": nothing is asked.
        || [
            "唔使", "不用", "不必", "无需", "毋须", "毋需", "无须", "唔需要", "不需要", "免",
        ]
            .iter()
            .any(|n| unneeded.ends_with(n))
        || after.starts_with(['了', '咗', '过'])
        || paying
            && after
            .trim_start_matches(['给', '俾', '畀', '到', '入', '至', '回', '返'])
            .starts_with(['你', '您'])
}

/// Whether the rest of a sentence asks whether it was done ("提币到冷钱包了吗？",
/// "轉咗去錢包未呀？"): a friend's question, not an ask.
fn asked_if_done(rest: &str) -> bool {
    let rest = &rest[..rest.floor_char_boundary(rest.len().min(24))];
    [
        "了吗",
        "了没",
        "了未",
        "咗未",
        "咗吗",
        "咗冇",
        "过没有",
        "过吗",
    ]
    .iter()
    .any(|m| rest.contains(m))
}

/// Whether a sentence is a question about a deed done, its particle at the end
/// ("轉咗去冷錢包未呀？", "转了没有？").
fn asked_if_done_clause(sentence: &str) -> bool {
    let done = sentence.contains(['了', '咗']);
    let end = sentence.trim_end_matches([
        '？', '?', '。', '！', '!', ' ', '呀', '啊', '吖', '啦', '呢',
    ]);
    done && sentence.contains(['？', '?'])
        && (end.ends_with('未')
            || end.ends_with("没有")
            || end.ends_with('冇')
            || end.ends_with('没'))
}

/// Whether a deadline on the money at `pair` (in the sentence `lo..hi`) bids nothing of a
/// stranger's: a bill named ("月尾前入租"), an announcement ("公司將於25號前匯入"), or
/// money paid to the reader ("今晚之前轉3000俾你").
fn due_but_benign(text: &str, lo: usize, hi: usize, pair: (usize, usize)) -> bool {
    let sentence = &text[lo..hi];
    let rest = &text[pair.1..hi.max(pair.1)];
    let rest = &rest[..rest.floor_char_boundary(rest.len().min(9))];
    BILL.iter().any(|b| sentence.contains(b))
        || ["将于", "将会", "将在", "会于"]
            .iter()
            .any(|a| text[lo..pair.0].contains(a))
        || rest.contains(['你', '您'])
}

/// Words of an appeal for witnesses ("如有資料", "知情人士", "提供線索").
const WITNESS: &[&str] = &["资料", "线索", "知情", "目击"];

/// Whether a denial stands right before `s` ("不保证", "唔包").
fn denied(text: &str, s: usize) -> bool {
    text[..s].ends_with(['不', '唔', '未', '非', '无', '没']) || text[..s].ends_with("并非")
}

/// Every concept step in `text`, read through its fold: spans in the original text.
pub(crate) fn found(
    text: &str,
    folded: &crate::fold::Folded<'_>,
) -> Vec<(usize, usize, &'static ZhRule)> {
    steps(&folded.text)
        .into_iter()
        .map(|(s, e, rule)| {
            let (s, e) = folded.original(text, s, e);
            (s, e, rule)
        })
        .collect()
}

/// The spans of the demands for secrecy among `found`: their negations ("請勿向家人透露")
/// warn of nothing.
pub(crate) fn secrecy(found: &[(usize, usize, &'static ZhRule)]) -> Vec<(usize, usize)> {
    found
        .iter()
        .filter(|(_, _, rule)| needs_ask(rule))
        .map(|&(s, e, _)| (s, e))
        .collect()
}

/// Every concept step in the folded `text`: byte spans (in the folded text) and rules.
fn steps(text: &str) -> Vec<(usize, usize, &'static ZhRule)> {
    if text.is_ascii() {
        return Vec::new();
    }
    let ix = index();
    let mut rows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ix.classes.len()];
    for m in ix.automaton.find_overlapping_iter(text) {
        let (s, e) = (m.start(), m.end());
        if !bounded(text, s, e) {
            continue;
        }
        for &c in &ix.owners[m.pattern().as_usize()] {
            rows[c].push((s, e));
        }
    }
    for (s, e, coin) in amounts(text) {
        for &c in &ix.amount {
            rows[c].push((s, e));
        }
        if coin {
            for &c in &ix.coins {
                rows[c].push((s, e));
            }
        }
    }
    if !ix.phone.is_empty() {
        for span in phones(text) {
            for &c in &ix.phone {
                rows[c].push(span);
            }
        }
    }
    for row in &mut rows {
        row.sort_unstable();
    }
    for &(c, n) in &ix.vetoes {
        let vetoes = std::mem::take(&mut rows[n]);
        rows[c].retain(|&(s, e)| {
            !around(&vetoes, s.saturating_sub(LONGEST), s + 1)
                .iter()
                .any(|&(_, ve)| e <= ve)
        });
        rows[n] = vetoes;
    }
    let ends = sentence_ends(text);
    let sentence = |pos: usize| ends.partition_point(|&e| e <= pos);
    // The bytes of sentence `k`.
    let bounds = |k: usize| {
        let start = if k == 0 { 0 } else { ends[k - 1] };
        (start, ends.get(k).copied().unwrap_or(text.len()))
    };
    let [reporting, unchanged, modals, secrets] = ix.guards.map(|n| rows[n].as_slice());
    // The hits of a class by name (every class of a rule or guard is indexed).
    let class_row = |class: Class| {
        ix.classes
            .iter()
            .position(|&c| same(c, class))
            .map_or(&[][..], |n| rows[n].as_slice())
    };
    let mut out = Vec::new();
    for (rule, &(f, g)) in RULES.iter().zip(&ix.rules) {
        let (firsts, seconds) = (&rows[f], &rows[g]);
        if firsts.is_empty() || seconds.is_empty() {
            continue;
        }
        let verb = [MOVE, SETTLE, GIVE, INSTALL, BUY]
            .iter()
            .any(|&v| same(rule.first, v));
        // An offer of coins ("存夠一萬U即送三千") is the pitch itself: no modal needed.
        let paying = [MOVE, SETTLE, BUY].iter().any(|&v| same(rule.first, v))
            && !same(rule.second, COIN_SUM);
        let sure = same(rule.first, SURE) || same(rule.first, CERTAIN);
        let shield = same(rule.first, SHIELD);
        let changed = same(rule.first, CHANGED);
        let secrecy = same(rule.first, NOT);
        let officer = same(rule.second, CASE_OFFICER);
        let seed = same(rule.second, SEED);
        let deadline = same(rule.first, BY_WHEN);
        let shop = same(rule.second, SHOP_KIND);
        let reach = reach_of(rule.gap);
        let found = firsts.iter().find_map(|&(s1, e1)| {
            if sure && denied(text, s1) {
                return None;
            }
            let here = sentence(s1);
            let (from, to) = if rule.either {
                (s1.saturating_sub(reach + LONGEST), e1 + reach)
            } else {
                (e1, e1 + reach)
            };
            let pair = around(seconds, from, to + 1).iter().find_map(|&(s2, e2)| {
                let after = s2 >= e1 && within(text, e1, s2, rule.gap);
                let before = rule.either && e2 <= s1 && within(text, e2, s1, rule.gap);
                ((after || before) && sentence(s2) == here).then_some((s1.min(s2), e1.max(e2)))
            })?;
            // "别听那些说…": not hearing someone out is no secrecy.
            if secrecy && text[pair.0..pair.1].contains(['听', '信']) {
                return None;
            }
            // "保护您的账户" protects the reader's account; "保护账户" is a place.
            // "參加安全培訓，地址：…" names two things: a safe account is one noun
            // phrase, never across punctuation.
            if shield && text[e1..pair.1].contains(['你', '您', '，', ',', '：', ':', '、', '；'])
            {
                return None;
            }
            // "我换了新手机，号码没变"; "切勿向任何人透露驗證碼".
            let (lo, hi) = bounds(here);
            let beside = |row: &[(usize, usize)]| !around(row, lo, hi).is_empty();
            // "你嘅一次性密碼係 730164。切勿向任何人透露": the code a notice just
            // delivered, in the sentence before, is what the warning keeps.
            let before = here
                .checked_sub(1)
                .is_some_and(|k| !around(secrets, bounds(k).0, lo).is_empty());
            if (changed && beside(unchanged)) || (secrecy && (beside(secrets) || before)) {
                return None;
            }
            // "如有資料，請致電…與調查人員聯絡": a police appeal for witnesses asks for
            // what they saw, not for the reader to hand their case over.
            // "晚黑抄低助記詞喺紙上": a seed copied out for the owner's own safe keeping
            // is handed to no one, unless it is handed back too ("抄低俾我").
            if seed && beside(class_row(SELF_KEEP)) && !beside(class_row(TO_ME)) {
                return None;
            }
            if officer && WITNESS.iter().any(|w| text[lo..hi].contains(w)) {
                return None;
            }
            // "今晚之前入兩萬" bids a sum moved by a deadline: a money verb between them,
            // not done ("之前轉咗兩萬"), not asked after ("入咗3萬未？"), not a bill
            // named ("月尾前入租").
            // "我是平台的用户" is no desk: "客服" or "售後" must follow the shop.
            if shop {
                let tail = &text[pair.1..text.floor_char_boundary((pair.1 + 24).min(text.len()))];
                if !DESK.iter().any(|d| tail.contains(d)) {
                    return None;
                }
            }
            if deadline {
                let moved = around(class_row(MOVE), e1, pair.1)
                    .iter()
                    .any(|&(ms, me)| me <= pair.1 && !done_or_paid(text, ms, me, true));
                if !moved
                    || due_but_benign(text, lo, hi, pair)
                    || asked_if_done_clause(&text[lo..hi])
                    || asked_if_done(&text[pair.1..hi.max(pair.1)])
                {
                    return None;
                }
            }
            if rule.step == Step::Ask {
                // The words just before the pair, in its sentence.
                let lead = |row: &'_ [(usize, usize)], gap: usize| {
                    around(row, pair.0.saturating_sub(reach_of(gap)).max(lo), pair.0)
                        .iter()
                        .any(|&(_, e)| e <= pair.0 && within(text, e, pair.0, gap))
                };
                // "叫我將啲幣轉去": someone else's ask, reported.
                let reported = lead(reporting, 3);
                // "只要付一万就可以买房" offers; "需先补齐", "请把…转到" ask.
                // "先付少量手續費", "先收 $8,000": the verb holds its modal.
                let holds = around(modals, s1, s1 + 1).iter().any(|&(ms, _)| ms == s1);
                // "今晚十點之前入兩萬": a deadline bids as a modal does, unless a bill
                // is named, an announcement made ("將於25號前匯入") or the reader paid.
                let due = lead(class_row(BY_WHEN), 8) && !due_but_benign(text, lo, hi, pair);
                let bidden = !paying || holds || lead(modals, 8) || due;
                if reported
                    || !bidden
                    || (verb && done_or_paid(text, s1, e1, paying))
                    || asked_if_done(&text[pair.1..hi.max(pair.1)])
                    || asked_if_done_clause(&text[lo..hi])
                {
                    return None;
                }
            }
            Some(pair)
        });
        if let Some((s, e)) = found {
            out.push((s, e, rule));
        }
    }
    out
}

/// The longest entry or shape, in bytes, that a window reaches back for.
const LONGEST: usize = 64;

/// How many bytes `gap` characters may take (a run of ASCII counts as one).
fn reach_of(gap: usize) -> usize {
    (gap + 1) * 24
}

/// The hits of a sorted `row` that start in `lo..hi`.
fn around(row: &[(usize, usize)], lo: usize, hi: usize) -> &[(usize, usize)] {
    let a = row.partition_point(|&(s, _)| s < lo);
    let b = row.partition_point(|&(s, _)| s < hi);
    &row[a..b.max(a)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps found in `text` (folded first, as the analyzer reads it), with the
    /// folded span's text.
    fn found(text: &str) -> Vec<(Step, R, String)> {
        let folded = crate::fold::fold(text);
        steps(&folded.text)
            .into_iter()
            .map(|(s, e, r)| {
                let (s, e) = folded.original(text, s, e);
                (r.step, r.reason, text[s..e].to_string())
            })
            .collect()
    }

    /// Each case: the text, and whether a step of that kind and reason is found in it.
    fn check_cases(cases: &[(&str, Step, R, bool)]) {
        for &(text, step, reason, want) in cases {
            assert_eq!(has(text, step, reason), want, "{text}: {:?}", found(text));
        }
    }

    fn has(text: &str, step: Step, reason: R) -> bool {
        found(text)
            .iter()
            .any(|(s, r, _)| *s == step && *r == reason)
    }

    #[test]
    fn zh_concept_steps_table() {
        use R::*;
        // (text, step and reason that must be found, or None: no step of that reason).
        let cases: &[(&str, Step, R, bool)] = &[
            // Money moved, any script.
            (
                "请把交易所里的USDT全部提到这个地址",
                Ask,
                PaymentTransfer,
                true,
            ),
            ("你即刻將啲幣轉去我哋個冷錢包", Ask, PaymentTransfer, true),
            ("你先存夠兩萬U，我哋送五千", Ask, PaymentTransfer, true),
            // Offers, not asks: no modal before the verb.
            ("現在只要付一萬就可以買房", Ask, PaymentTransfer, false),
            ("充值满50元即可参加抽奖", Ask, PaymentTransfer, false),
            (
                "众多名企汇聚于此，上千岗位虚位以待",
                Ask,
                PaymentTransfer,
                false,
            ),
            ("你要即刻入 9000 蚊落呢個戶口", Ask, PaymentTransfer, true),
            ("依法需將餘額暫存至監管錢包", Ask, PaymentTransfer, true),
            ("你要將啲USDT交俾我哋託管", Ask, PaymentTransfer, true),
            // Done, reported, or paid to the reader: no ask.
            ("妈，工资发了，给你转了3000块", Ask, PaymentTransfer, false),
            ("阿媽，過咗數啦，唔使俾返錢我", Ask, PaymentTransfer, false),
            ("款項已存入你嘅戶口", Ask, PaymentTransfer, false),
            (
                "有個人打嚟叫我將啲幣轉去佢個錢包",
                Ask,
                PaymentTransfer,
                false,
            ),
            ("退款会原路退回给您", Ask, PaymentTransfer, false),
            // Fees, and words that are no fee.
            (
                "本輪需先補齊 650 USDT 的差額才能結算",
                Ask,
                QuidProQuoFee,
                true,
            ),
            ("需繳納一筆保全金才能解除", Ask, QuidProQuoFee, true),
            ("要你過 4000 蚊做資料更正費", Ask, QuidProQuoFee, true),
            ("充值话费满50元即可抽奖", Ask, QuidProQuoFee, false),
            ("請於到期日前繳交月費", Ask, QuidProQuoFee, false),
            ("把资金转到银行", Ask, QuidProQuoFee, false),
            // Authorities, crimes, innocence, secrecy.
            ("這裡是刑事局偵查隊", Pretext, PretextAuthority, true),
            (
                "我是经济犯罪侦查大队的警官",
                Pretext,
                PretextAuthority,
                true,
            ),
            (
                "你个钱包地址与一起跨国洗钱案有关",
                Pressure,
                UrgencyLegal,
                true,
            ),
            ("你要證明自己清白", Pressure, UrgencyLegal, true),
            ("請勿向家人或銀行透露", Pressure, UrgencyLegal, true),
            ("唔好同任何人提起", Pressure, UrgencyLegal, true),
            // A warning to keep one's own code: no secrecy about the sender.
            (
                "驗證碼 558201，請勿向任何人透露驗證碼",
                Pressure,
                UrgencyLegal,
                false,
            ),
            // Remote access.
            ("請先在手機安裝 AnyDesk", Ask, OffPlatformApp, true),
            ("把畫面分享給我們的工程師", Ask, OffPlatformApp, true),
            ("我这边远程帮您核对资产", Ask, OffPlatformApp, true),
            // Seeds by description.
            ("你喺呢個網頁輸入你嗰12個英文字", Ask, SecretSeed, true),
            // Other chats, compensation, parcels.
            ("請加入LINE官方理賠群", Ask, OffPlatformContact, true),
            ("我们的在线课程", Ask, OffPlatformContact, false),
            ("我哋賠你兩倍貨值", Pretext, PretextSupport, true),
            // Tasks and investments.
            ("在家追劇也能賺錢", Pretext, TooGoodReturns, true),
            ("否則前兩輪獎勵作廢", Pressure, UrgencyAccountThreat, true),
            ("包你唔會輸", Pressure, TooGoodReturns, true),
            ("保證每週收益一成以上", Pressure, TooGoodReturns, true),
            ("本基金不保證收益", Pressure, TooGoodReturns, false),
            ("投資涉及風險", Pressure, TooGoodReturns, false),
            ("由資深操盤手帶隊", Pretext, TooGoodInsider, true),
            ("開個錢包授權一下就可以參加", Ask, PaymentTransfer, true),
            (
                "新人入群首充 1000 USDT 贈送 VIP 席位",
                Ask,
                PaymentTransfer,
                true,
            ),
            ("話費充100送20", Ask, PaymentTransfer, false),
            ("我舅父喺新加坡做交易所", Pretext, TooGoodInsider, true),
            ("活動今晚截止", Pressure, UrgencyDeadline, true),
            ("完成后本金和奖励一起到账", Pressure, TooGoodReturns, true),
            ("专员会指导您操作退费", Ask, QuidProQuoHelp, true),
            // Loans.
            (
                "系統話你銀行戶口名唔啱",
                Pressure,
                UrgencyAccountThreat,
                true,
            ),
            // Relatives.
            ("哥，我換手機號了", Pretext, PretextFriend, true),
            ("我舊號碼停用了", Pretext, PretextFriend, true),
            ("我這邊有點急", Pressure, UrgencyDeadline, true),
            ("可以先幫我轉一下嗎", Ask, PaymentTransfer, true),
            // A sentence end separates the classes.
            ("请转。账户余额已更新", Ask, PaymentTransfer, false),
            // An exchange tells its user to freeze the account; a scam threatens it.
            (
                "请立即在App内冻结账户",
                Pressure,
                UrgencyAccountThreat,
                false,
            ),
            ("资金被系统锁定", Pressure, UrgencyAccountThreat, true),
            // The 钱 of 洗钱 is no money of the reader's.
            (
                "涉嫌洗錢被司法機關凍結",
                Pressure,
                UrgencyAccountThreat,
                false,
            ),
            ("", Ask, PaymentTransfer, false),
            ("Please transfer the money", Ask, PaymentTransfer, false),
            // Regional withdrawal verbs in a callback alarm; calling back.
            ("帳號剛剛提領 2 ETH 到新地址", Pretext, PretextSupport, true),
            (
                "您申請出金 900 USDT 尚在審核",
                Pretext,
                PretextSupport,
                true,
            ),
            ("有疑問請回撥 02-8765-4321", Ask, PretextSupport, true),
            ("我明天去提领包裹", Pretext, PretextSupport, false),
            // Fronting money is an ask; a mattress is not.
            ("你需要先墊 450 USDT 落去", Ask, PaymentTransfer, true),
            ("我先幫你墊咗 450 蚊", Ask, PaymentTransfer, false),
            ("请把床垫两千元的发票寄来", Ask, PaymentTransfer, false),
            // Pooling money to buy in; pooling for a present is no investment.
            ("我哋幾個夾錢入貨，你都夾份啦", Ask, PaymentTransfer, true),
            ("大家凑钱抄底这个币", Ask, PaymentTransfer, true),
            ("我们凑钱给妈妈买个蛋糕", Ask, PaymentTransfer, false),
            // A refund with interest on top; interest alone is no lure.
            ("做完之後連利息退返畀你", Pressure, TooGoodReturns, true),
            ("本月利息已經入賬", Pressure, TooGoodReturns, false),
            // Working a cash machine on instructions; an ATM's hours are no step.
            ("請按指示到ATM操作解除分期", Ask, QuidProQuoHelp, true),
            ("請依指示在櫃員機設定", Ask, QuidProQuoHelp, true),
            ("分行ATM服務時間延長至晚上十點", Ask, QuidProQuoHelp, false),
            // A charge that repeats by itself, to be cancelled.
            (
                "系統會每月自動扣款，如要取消請聯絡",
                Pretext,
                PretextSupport,
                true,
            ),
            ("自動扣款已設定成功", Pretext, PretextSupport, false),
            // Not hearing someone out is no secrecy; not telling is.
            ("你别听那些人说什么", Pressure, UrgencyLegal, false),
            ("千萬別信陌生人講嘅嘢", Pressure, UrgencyLegal, false),
            ("这件事别跟你老公说", Pressure, UrgencyLegal, true),
        ];
        check_cases(cases);
    }

    /// Classes of batch J (each scam beside its look-alike, in both scripts and
    /// Cantonese): the customs pretext and the hand-off to the "case officer", staying on
    /// the line, a charge that alarms, a question about a deed done, a fee denied.
    #[test]
    fn batch_j_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            // Forbidden goods in the reader's parcel; a parcel that is only late is not.
            ("你個包裹入面搵到假護照", Pressure, UrgencyLegal, true),
            ("您的郵包涉嫌藏有違禁品", Pressure, UrgencyLegal, true),
            (
                "快递包裹内发现多张银行卡和毒品",
                Pressure,
                UrgencyLegal,
                true,
            ),
            (
                "你的包裹已到达驿站，请及时取件",
                Pressure,
                UrgencyLegal,
                false,
            ),
            // Handed on to the "officer"; contacting a shop's staff is not.
            ("你要即刻同辦案人員聯絡", Ask, OffPlatformContact, true),
            ("请按9字转接调查人员", Ask, OffPlatformContact, true),
            ("請立即聯繫專案組李警官", Ask, OffPlatformContact, true),
            ("你而家即刻搵查案人員跟進", Ask, OffPlatformContact, true),
            ("如有需要请联系门店人员", Ask, OffPlatformContact, false),
            (
                "如有任何資料，請致電與主理警員聯絡",
                Ask,
                OffPlatformContact,
                false,
            ),
            // Staying on the line, in every script.
            ("你唔好掛線，等我幫你轉駁", Pressure, UrgencyLegal, true),
            ("全程不能挂电话", Pressure, UrgencyLegal, true),
            ("別掛斷，我們正在核實", Pressure, UrgencyLegal, true),
            ("挂号信已寄出", Pressure, UrgencyLegal, false),
            ("派送前請保持電話暢通", Pressure, UrgencyLegal, false),
            // A charge that alarms, before or after its amount; a charge alone is no alarm.
            (
                "你嘅戶口啱啱有一筆 HK$8,800 嘅消費",
                Pretext,
                PretextSupport,
                true,
            ),
            ("信用卡簽賬 3200 元", Pretext, PretextSupport, true),
            ("我今日消费咗好多", Pretext, PretextSupport, false),
            // Asking whether it was done asks for nothing; asking to do it does.
            ("你提币到冷钱包了吗？", Ask, PaymentTransfer, false),
            ("啲幣轉咗去冷錢包未呀？", Ask, PaymentTransfer, false),
            ("请马上把币转到冷钱包", Ask, PaymentTransfer, true),
            // A fee denied across an adverb; a fee asked first is one.
            ("毋須預先繳付任何費用", Ask, QuidProQuoFee, false),
            ("无需另外支付手续费", Ask, QuidProQuoFee, false),
            ("放款前需先缴纳工本费", Ask, QuidProQuoFee, true),
            ("要你先過數 2000 蚊手續費", Ask, QuidProQuoFee, true),
            // A due date is no payment asked; a payment asked by a date is.
            (
                "已撥款 200,000 元，首期繳款日為下月十日",
                Ask,
                PaymentTransfer,
                false,
            ),
            ("請於今日內繳交 2,000 元", Ask, PaymentTransfer, true),
        ];
        check_cases(cases);
    }

    /// Classes of branch zh4, each beside its look-alike.
    #[test]
    fn zh4_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            // A code handed back; a notice's "do not give it to anyone" hands nothing.
            ("你收到條驗證碼可唔可以send返俾我", Ask, SecretCode, true),
            ("請把剛收到的驗證碼發給我", Ask, SecretCode, true),
            ("Authenticator顯示嗰六個數字send畀我", Ask, SecretCode, true),
            ("驗證碼請勿提供給他人", Ask, SecretCode, false),
            // Secrecy after a code delivered in the sentence before is the notice's.
            (
                "你嘅一次性密碼係 730164。切勿向任何人透露，包括銀行職員。",
                Pressure,
                UrgencyLegal,
                false,
            ),
            // A cold wallet funded at someone's bidding; one owned is no ask.
            ("你即刻將啲幣轉去我哋個冷錢包", Ask, PaymentTransfer, true),
            (
                "冷錢包到貨了，晚上研究怎麼備份",
                Ask,
                PaymentTransfer,
                false,
            ),
            // Recovery by a "hacker", and his chat.
            ("搵咗個黑客幫手追返晒", Pretext, TooGoodRecovery, true),
            ("警方已追回部分款項", Pretext, TooGoodRecovery, false),
            ("追返晒，佢TG係 @someone", Ask, OffPlatformContact, true),
            // An order over the reader's assets.
            ("上面批咗資產保護令", Pretext, PretextAuthority, true),
            ("法院頒布禁制令", Pretext, PretextAuthority, false),
            // Coins to a wallet the sender gives, bidden now.
            (
                "你而家去買USDT，轉去我畀你嘅錢包地址",
                Ask,
                PaymentTransfer,
                true,
            ),
            ("我上個月轉咗去我畀你嘅地址", Ask, PaymentTransfer, false),
            // A new number to keep.
            ("你save低呢個先", Pretext, PretextFriend, true),
            ("保存这个文件", Pretext, PretextFriend, false),
            // Paying to climb a tier; a tier climbed for free is no fee.
            ("話要入錢升級VIP", Ask, QuidProQuoFee, true),
            ("免预存开通国际漫游", Ask, QuidProQuoFee, false),
            ("系統已自動升級", Ask, QuidProQuoFee, false),
            // A seed copied out for the owner's safe; copied out for someone else.
            ("晚黑抄低助記詞喺紙上，收喺夾萬", Ask, SecretSeed, false),
            ("抄低助記詞喺紙上，影相俾我", Ask, SecretSeed, true),
            ("请抄下助记词并提供给客服", Ask, SecretSeed, true),
        ];
        check_cases(cases);
    }

    /// Classes of branch `zh6`: a callback's pressure and verbs, the screen shared with
    /// the bank open, a phone's mishap, a prize's fee; each beside its look-alike.
    #[test]
    fn zh6_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            // A line cut off today; a shop closed today is no account.
            ("您的門號將於今日停話", Pressure, UrgencyAccountThreat, true),
            (
                "本店今日公休，明日照常營業",
                Pressure,
                UrgencyAccountThreat,
                false,
            ),
            // Minutes counted; an opt-out of a charge; a bill gone wrong.
            ("請於 20 分鐘內回撥", Pressure, UrgencyDeadline, true),
            ("如需取消請回撥", Pressure, UrgencyAccountThreat, true),
            ("取消訂單請至App操作", Pressure, UrgencyAccountThreat, false),
            ("您的帳單出現異常", Pressure, UrgencyAccountThreat, true),
            (
                "天气异常炎热，注意防暑",
                Pressure,
                UrgencyAccountThreat,
                false,
            ),
            // Dialling in Taiwan; a Cantonese card swiped; a renewal charged.
            ("如有疑問請撥02-2233-4455轉9", Ask, PretextSupport, true),
            ("政府撥款 2,000,000 元補助", Ask, PretextSupport, false),
            ("張卡喺日本碌咗 HK$4,200", Pretext, PretextSupport, true),
            ("将自动续费每月600元", Pretext, PretextSupport, true),
            // The screen shared with the bank open: an ask; a class's screen is not.
            ("打開分享螢幕再登入網路銀行", Ask, OffPlatformApp, true),
            ("分享萤幕给老师看作业", Ask, OffPlatformApp, true),
            ("请把作业投屏到教室大屏", Ask, PaymentTransfer, false),
            // A phone's mishap and the guessing game: the story's middle.
            ("我手机掉水里了", Pretext, PretextFriend, true),
            ("部機跌咗落海", Pretext, PretextFriend, true),
            ("猜猜我是谁", Pretext, PretextFriend, true),
            ("猜猜今晚吃什么", Pretext, PretextFriend, false),
            ("电话费涨了", Pretext, PretextFriend, false),
            // A stranger's mistake, then friendship offered; a mistake alone.
            ("唔好意思加錯人", Pretext, PretextFriend, true),
            ("发错了，不过也算有缘，交个朋友吧", Ask, PretextFriend, true),
            ("不好意思打错了，我找王老师", Ask, PretextFriend, false),
            // An order set to a dearer plan by "mistake"; the bank worked on instructions.
            ("您的帳號被誤設為批發商會員", Pretext, PretextSupport, true),
            ("本期帳單可設定為分期付款", Pretext, PretextSupport, false),
            ("請按指示登入網路銀行解除設定", Ask, QuidProQuoHelp, true),
            ("網路銀行今晚系統維護", Ask, QuidProQuoHelp, false),
            ("您已通过手机银行完成转账操作", Ask, QuidProQuoHelp, false),
            // A payment's account sent apart, its deadline, a balance reported.
            ("卡號私聊發你", Ask, PaymentTransfer, true),
            ("帳戶資料如附件", Ask, PaymentTransfer, true),
            ("會議紀錄如附件", Ask, PaymentTransfer, false),
            ("下午三點前要到賬", Pressure, UrgencyDeadline, true),
            ("下午三點前到會議室", Pressure, UrgencyDeadline, false),
            ("把公司賬戶餘額報給我", Ask, PaymentTransfer, true),
            ("手机余额不足请充值", Ask, PaymentTransfer, false),
            // A prize that costs a fee first; a prize posted free.
            (
                "您抽中二等獎，請先支付稅金 NT$2,000",
                Ask,
                QuidProQuoFee,
                true,
            ),
            ("恭喜中咗頭獎，領獎要俾$300行政費", Ask, QuidProQuoFee, true),
            ("恭喜抽中優惠券，全館免運費", Ask, QuidProQuoFee, false),
        ];
        check_cases(cases);
    }

    /// A prize's fee and the story's middle are flagged for the passes that judge them.
    #[test]
    fn zh6_prize_fee_and_accident_flags() {
        let flagged = |text: &str, f: fn(&ZhRule) -> bool| {
            let folded = crate::fold::fold(text);
            steps(&folded.text).iter().any(|&(_, _, r)| f(r))
        };
        assert!(flagged("恭喜您抽中頭獎，請支付運費", prize_fee));
        assert!(!flagged("本店全館免運費", prize_fee));
        assert!(flagged("媽，我部手機跌咗落水", accident));
        assert!(flagged("猜猜我是誰", accident));
        assert!(!flagged("爸，我換新手機了，號碼沒變", accident));
    }

    #[test]
    fn zh7_lure_flags() {
        let lure_with = |text: &str, linked: bool| {
            let folded = crate::fold::fold(text);
            steps(&folded.text).iter().any(|&(_, _, r)| lure(r, linked))
        };
        // (text, linked, a lure)
        let cases: &[(&str, bool, bool)] = &[
            ("轉 2 ETH 過去，即時返還兩倍", false, true),
            ("差價雙倍返還，歡迎比價", false, false),
            ("连接你的钱包，再按签名确认领取", false, true),
            ("錢包餘額可在App查看", false, false),
            ("積分將於月底清零，請盡快兌換", true, true),
            ("積分將於月底清零，請盡快兌換", false, false),
            ("配送失敗，請補繳運費", true, true),
            ("配送失敗，請補繳運費", false, false),
            ("您的包裹已配送完成", true, false),
        ];
        for &(text, linked, want) in cases {
            assert_eq!(lure_with(text, linked), want, "{text}");
        }
    }

    #[test]
    fn zh5_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            // Recovery sold by lawyers and trackers; a loss on a platform.
            ("我哋律師可以幫你討回啲錢", Pretext, TooGoodRecovery, true),
            (
                "上次亏损的部分我们能帮你挽回",
                Pretext,
                TooGoodRecovery,
                true,
            ),
            ("律師說合約明天簽", Pretext, TooGoodRecovery, false),
            // A fee the verb itself bids: "先付", "先收".
            ("成功後收費，先付少量服務費", Ask, QuidProQuoFee, true),
            ("我哋先收 $3,000 手續費", Ask, QuidProQuoFee, true),
            ("付了手續費之後", Ask, QuidProQuoFee, false),
            // Handed on to the police; the police named alone hand nothing on.
            ("我而家幫你轉接去北京公安", Ask, OffPlatformContact, true),
            ("有懷疑請直接報警", Ask, OffPlatformContact, false),
            // The reader taught to trade; the sender's gains.
            ("我可以教你開戶", Ask, TooGoodInsider, true),
            ("你有興趣的話我慢慢帶你", Ask, TooGoodInsider, true),
            ("我教你做蛋糕", Ask, TooGoodInsider, false),
            ("我喺呢個平台上個月賺咗三萬", Pressure, TooGoodReturns, true),
            ("跟着他買了兩次都有賺", Pressure, TooGoodReturns, true),
            ("這個平台好用嗎", Pressure, TooGoodReturns, false),
            // A trial sum.
            ("你先入一千蚊試下", Ask, PaymentTransfer, true),
            ("試下新餐廳", Ask, PaymentTransfer, false),
            // Paid clicks from home.
            ("居家幫網店按讚，每單可領5元", Pretext, TooGoodReturns, true),
            ("加薇：abc123", Ask, OffPlatformContact, true),
            // A callback's lapse and deadline.
            ("您的會員卡已失效", Pretext, PretextSupport, true),
            ("請於24小時內回電", Pressure, UrgencyDeadline, true),
        ];
        check_cases(cases);
    }

    /// Classes of branch `zh9`: a callback's alarm told by its denial, and a public
    /// body's card lapsing; each beside its look-alike.
    #[test]
    fn zh9_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            (
                "如果唔係你本人簽賬，請即刻處理",
                Pretext,
                PretextSupport,
                true,
            ),
            ("若非您本人登入，請立即處理", Pretext, PretextSupport, true),
            (
                "若非本人操作，請致電客服專線",
                Pretext,
                PretextSupport,
                false,
            ),
            (
                "如果唔係你本人嚟，可以叫屋企人代領",
                Pretext,
                PretextSupport,
                false,
            ),
            (
                "您的医保卡将于明日停用",
                Pressure,
                UrgencyAccountThreat,
                true,
            ),
            ("你嘅社保賬戶已被凍結", Pressure, UrgencyAccountThreat, true),
            (
                "医保定点药店暂停营业装修",
                Pressure,
                UrgencyAccountThreat,
                false,
            ),
            (
                "社保卡补办后旧卡会自动停用",
                Pressure,
                UrgencyAccountThreat,
                true,
            ),
        ];
        check_cases(cases);
    }

    /// Classes of branch `zh8`: a sum moved by a deadline with no "please"; the desk of a
    /// shop named only by its kind, and its order in trouble; each beside its look-alike.
    #[test]
    fn zh8_classes_table() {
        use R::*;
        let cases: &[(&str, Step, R, bool)] = &[
            // A sum moved by a deadline, no "please": an ask, and its clock.
            ("你今晚九點之前入一萬落個戶口", Ask, PaymentTransfer, true),
            (
                "你今晚九點之前入一萬落個戶口",
                Pressure,
                UrgencyDeadline,
                true,
            ),
            ("後日下晝前過6千去呢個賬戶", Pressure, UrgencyDeadline, true),
            ("明天下班前匯4萬到這個帳號", Ask, PaymentTransfer, true),
            (
                "你今日之內過兩萬去以下戶口",
                Pressure,
                UrgencyDeadline,
                true,
            ),
            // Twins: a bill named, a deed done or asked after, the reader paid, an
            // announcement, a deadline with no money moved, "之前" of the past.
            ("月底前入9000租去我戶口", Pressure, UrgencyDeadline, false),
            ("月底前入9000租去我戶口", Ask, PaymentTransfer, false),
            ("後日之前入咗5千學費未？", Pressure, UrgencyDeadline, false),
            ("我今晚之前轉咗4千俾你", Pressure, UrgencyDeadline, false),
            ("我今晚九點前轉4千俾你", Ask, PaymentTransfer, false),
            ("我今晚九點前轉4千俾你", Pressure, UrgencyDeadline, false),
            (
                "年終獎金將於15號前匯入3萬到大家戶口",
                Ask,
                PaymentTransfer,
                false,
            ),
            ("下班前記得交報告", Pressure, UrgencyDeadline, false),
            ("今晚之前有3萬人報名", Pressure, UrgencyDeadline, false),
            ("之前存2萬的那張定存到期了", Ask, PaymentTransfer, false),
            (
                "請於本月20號前繳交管理費800元",
                Pressure,
                UrgencyDeadline,
                false,
            ),
            // The desk of a shop named by its kind; an order in trouble.
            (
                "我係網店平台嘅售後，想同你跟進",
                Pretext,
                PretextSupport,
                true,
            ),
            (
                "您好，這裡是某某商城客服中心",
                Pretext,
                PretextSupport,
                true,
            ),
            (
                "你好，我是電商平台的客服小美",
                Pretext,
                PretextSupport,
                true,
            ),
            ("你嗰張訂單有啲問題", Pressure, UrgencyAccountThreat, true),
            (
                "您的商品出現異常，需要重新處理",
                Pressure,
                UrgencyAccountThreat,
                true,
            ),
            // Twins: a user of a platform, a notice of the desk's hours, an order fine.
            ("我是這個平台的老用戶", Pretext, PretextSupport, false),
            (
                "購物平台售後熱線服務時間為早上九點至晚上九點",
                Pretext,
                PretextSupport,
                false,
            ),
            ("你嘅訂單已經寄出", Pressure, UrgencyAccountThreat, false),
        ];
        check_cases(cases);
    }

    #[test]
    fn amounts_and_phones_by_shape() {
        let amounts = |t: &str| -> Vec<String> {
            super::amounts(t)
                .into_iter()
                .map(|(s, e, _)| t[s..e].to_string())
                .collect()
        };
        assert_eq!(amounts("补足4200U，再转 650 USDT"), ["4200U", "650 USDT"]);
        assert_eq!(amounts("两万二"), ["两万二"]);
        assert_eq!(amounts("NT$12,000"), ["12,000"]);
        assert_eq!(
            amounts("第三轮，尾号0921，打 +852 9338 4410"),
            Vec::<String>::new()
        );
        assert_eq!(amounts("5000Usage"), Vec::<String>::new());
        let phones = |t: &str| -> Vec<String> {
            super::phones(t)
                .into_iter()
                .map(|(s, e)| t[s..e].to_string())
                .collect()
        };
        assert_eq!(phones("即刻打 +852 9338 4410 搵我哋"), ["+852 9338 4410"]);
        assert_eq!(phones("尾号0921"), Vec::<String>::new());
    }
}
