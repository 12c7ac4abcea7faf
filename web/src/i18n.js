// The web app's words in zh-CN and en, and the locale's formats of dates, numbers, percentages
// and amounts. Every string a user sees goes through t("key", { n: 3 }) ({n} is filled); a
// count that changes the words goes through tn("key", n) ("key.one" / "key.other"). A new string
// is added to both catalogues (tests/web/test_i18n.py fails otherwise). The language is the one
// chosen in the header (kept in localStorage), else the browser's: zh-CN for any Chinese, else
// English.
const EN = {
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.save": "Save",
  "common.optional": "optional",
  "common.none": "—",
  "common.today": "today",
  "common.yes": "yes",
  "common.no": "no",
  "common.notRecorded": "not recorded",

  "form.required": "Required.",
  "form.fixBelow": "Some fields need attention; see the messages beside them.",
  "form.refused": "Not allowed",
  "form.failed": "Not saved",
  "form.saving": "Saving…",
  "form.saved": "Saved.",
  "form.strengthRange": "A number from 0 to 1.",

  "att.strong_support": "strong support",
  "att.support": "support",
  "att.neutral": "neutral",
  "att.oppose": "oppose",
  "att.strong_oppose": "strong oppose",
  "att.unknown": "unknown",

  "feature.closeness": "Closeness to us",
  "feature.solution": "Our solution",
  "feature.price": "Our price",
  "feature.veto": "Veto holder",
  "feature.approver": "Approver",

  "act.visit": "visit",
  "act.meeting": "meeting",
  "act.call": "call",
  "act.dinner": "dinner",
  "act.email": "email",
  "act.demo": "demo",
  "act.event": "event",
  "act.other": "other",

  "role.decision_maker": "decision maker",
  "role.approver": "approver",
  "role.evaluator": "evaluator",
  "role.influencer": "influencer",
  "role.user": "user",
  "role.coach": "coach",

  "rel.REPORTS_TO": "reports to",
  "rel.INFLUENCES": "influences",

  "capture.heading": "Record",
  "capture.readOnly": "You can read this but not change it.",

  "log.open": "Log an interaction",
  "log.title": "Log an interaction",
  "log.when": "When",
  "log.type": "Type",
  "log.ours": "Our attendees",
  "log.theirs": "Their attendees",
  "log.deal": "Deal",
  "log.noDeal": "No deal (general)",
  "log.note": "Note",
  "log.attitudes": "Attitudes observed",
  "log.attitudesHelp": "Optional: only what you observed is recorded.",
  "log.attitudesOf": "Attitudes of {name}",
  "log.pickTheirs": "Pick who you met to record their attitudes.",
  "log.submit": "Log it",
  "log.done": "Interaction logged.",

  "assess.open": "Assess",
  "assess.title": "Assess {name}",
  "assess.deal": "For",
  "assess.general": "In general",
  "assess.submit": "Save assessment",
  "assess.done": "Assessment saved.",
  "assess.empty": "Choose at least one feature.",
  "assess.now": "Now: {value}",

  "person.open": "Add a person",
  "person.title": "Add a person to {account}",
  "person.name": "Name",
  "person.jobTitle": "Title",
  "person.department": "Department",
  "person.reportsTo": "Reports to",
  "person.nobody": "Nobody / not known",
  "person.key": "Key person",
  "person.submit": "Add person",
  "person.done": "{name} added.",

  "line.open": "Add a line",
  "line.title": "Add a line to the map",
  "line.from": "From",
  "line.to": "To",
  "line.type": "Line",
  "line.strength": "Strength (0–1)",
  "line.since": "Since",
  "line.submit": "Add line",
  "line.done": "Line added.",
  "line.endOpen": "End a line",
  "line.endTitle": "End a line on the map",
  "line.which": "Line",
  "line.until": "Ends on",
  "line.endSubmit": "End line",
  "line.ended": "Line ended.",
  "line.none": "No lines to end.",
  "line.describe": "{from} {type} {to}",
  "line.pickHint": "Or tap two people on the map: first who reports or influences, then whom.",
  "line.pickedFrom": "From {name}: now tap the second person.",

  "chain.heading": "Edit the decision chain",
  "chain.add": "Add a member",
  "chain.addTitle": "Add a member to the decision chain",
  "chain.person": "Person",
  "chain.role": "Role",
  "chain.addSubmit": "Add member",
  "chain.added": "Member added.",
  "chain.changeRole": "Change role",
  "chain.roleTitle": "Change the role of {name}",
  "chain.roleSubmit": "Change role",
  "chain.roleChanged": "Role changed.",
  "chain.remove": "Remove",
  "chain.removeTitle": "Remove {name} from the decision chain",
  "chain.removeConfirm": "{name} leaves the decision chain as of the date below; history is kept.",
  "chain.removeSubmit": "Remove member",
  "chain.removed": "Member removed.",
  "chain.sameDay": "Their membership began on {since}: it can end the day after at the earliest.",
  "chain.everyoneIn": "Everyone at the account is already a member.",
  "chain.actions": "Edit {name}",

  "know.open": "I know this person",
  "know.title": "I know {name}",
  "know.strength": "How well (0–1)",
  "know.strengthHelp": "0.2: we have met · 0.5: we talk · 0.9: they listen to me",
  "know.since": "Since",
  "know.submit": "Save",
  "know.done": "Acquaintance recorded.",
  "know.yours": "You know this person (strength {s}).",

  "intro.nav": "Introductions",
  "intro.navCount": "Introductions, {n} awaiting your answer",
  "intro.title": "Introductions",
  "intro.incoming": "Asked of you",
  "intro.outgoing": "Asked by you",
  "intro.noneIn": "Nobody has asked you for an introduction.",
  "intro.noneOut": "You have not asked for an introduction.",
  "intro.to": "Introduction to {contact}",
  "intro.forDeal": "for deal {deal}",
  "intro.from": "asked by {who}",
  "intro.colleague": "colleague: {who}",
  "intro.hiddenColleague": "a colleague (revealed once they accept)",
  "intro.status.requested": "awaiting an answer",
  "intro.status.accepted": "accepted",
  "intro.status.declined": "declined",
  "intro.status.made": "made",
  "intro.status.helped": "helped",
  "intro.note": "Note",
  "intro.message": "Message (optional)",
  "intro.reply": "Reply",
  "intro.accept": "Accept",
  "intro.decline": "Decline",
  "intro.made": "Mark as made",
  "intro.helped": "It helped",
  "intro.acceptTitle": "Accept the introduction to {contact}",
  "intro.declineTitle": "Decline the introduction to {contact}",
  "intro.history": "History",
  "intro.done": "Introduction updated.",
  "intro.askNote": "Note for your colleague (optional)",
  "intro.ask": "Ask",
  "intro.aColleague": "a colleague",
  "intro.askTitle": "Ask {who} for an introduction",
  "intro.madeTitle": "The introduction to {contact} took place",
  "intro.helpedTitle": "The introduction to {contact} helped",

  "app.title": "BRM · relationship intelligence",
  "app.skip": "Skip to content",

  "nav.main": "Main",
  "nav.dashboard": "Dashboard",

  "search.label": "Search people, accounts and deals",
  "search.placeholder": "Search people, accounts, deals…",
  "search.submit": "Search",

  "asof.label": "As of",
  "asof.slider": "As of: days before today",
  "asof.date": "As of date",
  "asof.today": "Today",
  "asof.todayValue": "{date} (today)",

  "lang.label": "Language",

  "who.signOut": "Sign out",
  "who.line": "{name} · {role}",

  "principal.rep": "rep",
  "principal.lead": "team lead",
  "principal.exec": "executive",
  "principal.admin": "admin",
  "principal.integration": "integration",

  "common.loading": "Loading…",
  "common.asOf": "as of {date}",
  "common.budget": "The search met its budget.",
  "common.nobody": "Nobody recorded.",
  "common.colon": ": ",
  "common.unknown": "unknown",

  "error.generic": "Something went wrong",
  "error.401": "Not signed in",
  "error.403": "Not allowed",
  "error.404": "Not found",
  "error.409": "Conflict",
  "error.412": "Changed meanwhile",
  "error.422": "Invalid input",
  "error.5xx": "The server could not answer",
  "error.network": "The server cannot be reached.",
  "error.noPage": "No such page.",

  "login.title": "Sign in",
  "login.token": "Access token",
  "login.help": "Paste the token your administrator gave you.",
  "login.submit": "Sign in",
  "login.unknown": "That token is unknown or revoked.",

  "badge.veto": "VETO",
  "badge.approver": "APPROVER",
  "badge.key": "KEY",
  "badge.focus": "FOCUS",
  "badge.hidden": "HIDDEN",

  "degree.closeness": "closeness",
  "degree.solution": "solution",
  "degree.price": "price",

  "bucket.supportive": "supportive",
  "bucket.neutral": "neutral",
  "bucket.opposed": "opposed",
  "bucket.unknown": "unknown",

  "level.none": "none",
  "level.occasional": "occasional",
  "level.multiple": "multiple",
  "level.deep": "deep",

  "status.open": "open",
  "status.won": "won",
  "status.lost": "lost",

  "cmp.lead": "lead",
  "cmp.lag": "lag",
  "cmp.tie": "tie",
  "cmp.unknown": "unknown",

  "kind.Contact": "person",
  "kind.Account": "account",
  "kind.Opportunity": "deal",
  "kind.Employee": "colleague",
  "kind.CompetitorStaff": "competitor staff",

  "industry.banking": "banking",
  "industry.energy": "energy",
  "industry.manufacturing": "manufacturing",

  "tier.excellent": "excellent",
  "tier.good": "good",
  "tier.medium": "medium",
  "tier.poor": "poor",
  "tier.unknown": "unknown",

  "legend.label": "Legend",
  "legend.employee": "our employee",
  "legend.note": "thick red border: veto holder · edge width: strength · dashed: reporting line",
  "legend.rival": "rival {name}",
  "legend.hidden": "gold double border: hidden influencer; size: influence",

  "fmt.of": "{a} of {b}",
  "fmt.points": "{n} pt",
  "fmt.mom": "MoM",
  "fmt.yoy": "YoY",
  "fmt.hops.one": "{n} hop",
  "fmt.hops.other": "{n} hops",

  "dash.title": "Dashboard",
  "dash.perspective": "Perspective",

  "scope.company": "Whole company",
  "scope.team": "Team {name}",
  "scope.employee": "Colleague {name}",

  "dash.influence": "Influence",

  "kpi.value_potential": "Value potential: acquainted key persons / key persons",
  "kpi.contribution_count": "Contribution: won deals that used influence (count)",
  "kpi.contribution_amount": "Contribution (amount)",
  "kpi.acquainted": "Acquainted key persons",
  "kpi.acquainted_not_insighted": "Acquainted, not insighted",
  "kpi.key_persons": "Key persons",
  "kpi.trailing": "trailing {n} days",

  "trend.title": "Trend, {n} months",
  "trend.chart": "Value potential and contribution by month",
  "trend.figures": "Figures by month",
  "trend.month": "Month",
  "trend.acquainted": "Acquainted",
  "trend.insighted": "Insighted",

  "series.value_potential": "Value potential",
  "series.contribution_count": "Contribution (count)",
  "series.contribution_amount": "Contribution (amount)",

  "cust.title": "Customers",
  "kpi.accounts": "Accounts",
  "kpi.closeness": "Average closeness (−2…2)",
  "kpi.solution": "Average solution",
  "kpi.price": "Average price",

  "kp.title": "Key persons",
  "kpi.insighted": "Insighted",
  "kpi.not_insighted": "Not insighted",
  "kp.notInsightedList": "Not insighted ({n} shown)",
  "kp.by": "By {degree}",
  "kp.bucket": "{bucket} ({n})",

  "acc.title": "Accounts ({n})",

  "acq.title": "Acquainted key persons ({n} shown)",

  "col.account": "Account",
  "col.openAmount": "Open amount",
  "col.openDeals": "Open deals",
  "col.keyPersons": "Key persons",
  "col.closeness": "Closeness",
  "col.solution": "Solution",
  "col.price": "Price",
  "col.person": "Person",
  "col.company": "Company",
  "col.department": "Department",
  "col.position": "Position",
  "col.competitor": "Competitor",
  "col.role": "Role",
  "col.veto": "Veto",
  "col.approver": "Approver",
  "col.level": "Contact level",
  "col.reachable": "Reachable",
  "col.heldBy": "Held by",
  "col.date": "Date",
  "col.toward": "Toward",
  "col.deal": "Deal",
  "col.rank": "Rank",
  "col.title": "Title",
  "col.score": "Score",
  "col.depth": "Depth",
  "col.known": "Known",
  "col.history": "History",

  "deal.account": "account {name}",
  "deal.amount": "amount {amount}",
  "deal.chain": "Decision chain",
  "deal.mapLabel": "Decision-chain map; the member table below lists the same people",
  "deal.truncated": "More lines exist than are drawn.",
  "deal.coverage": "Coverage",
  "deal.plain": "Plain",
  "deal.weighted": "Weighted by role",
  "deal.against": "Against competitors",
  "deal.noCompetitor": "No competitor recorded.",
  "deal.gauge": "{ratio} ({kind})",
  "deal.gaugeLabel": "{ratio} {kind}: {value}",
  "deal.kind.plain": "plain",
  "deal.kind.weighted": "weighted",

  "ratio.contacted": "Contacted",
  "ratio.insighted": "Insighted",
  "ratio.supportive": "Supportive",
  "ratio.reachable": "Reachable",
  "ratio.competitor_held": "Held by a competitor",

  "deal.members": "Members ({n})",
  "deal.blockers": "Blockers ({n})",
  "deal.noBlockers": "No blockers: every member is supportive on every degree.",
  "deal.unblock": "Who can unblock them",
  "deal.outside": "A colleague outside your team",
  "deal.reaches": "reaches {names} · best {s}",
  "deal.nobody": "Nobody in the company reaches the blockers within 3 hops.",
  "deal.single": "Single-threaded members",
  "deal.onlyOne": "only {who} reaches them",
  "deal.noSingle": "No member hangs on a single colleague.",

  "step.INFLUENCES": "influences",
  "step.REPORTS_TO_DOWN": "manages",
  "step.REPORTS_TO_UP": "reports to",

  "person.maskedNode": "colleague (ask)",
  "person.graphLabel": "Influence paths to {name}; the list beside it has the same paths",
  "person.maxHops": "Maximum hops",
  "person.who": "Who in our company can move this person",
  "person.upTo": "Up to",
  "person.avoid": "avoid people who oppose us",
  "person.paths": "Paths ({n})",
  "person.truncated": "The search met its budget: more paths may exist.",
  "person.noPaths": "No employee can reach this person within these hops.",
  "person.pathMeta": "strength {s} · {hops}",
  "person.inbound": "Influenced directly by",
  "person.history": "Assessment history",
  "person.older": "Older assessments not shown.",
  "person.askMasked": "Ask for an introduction",
  "person.askNamed": "Ask to introduce",
  "person.requested": "Introduction requested: {status}.",

  "feat.title": "Seven features",
  "feat.reporting_known": "Reporting line known",
  "feat.influence_known": "Influence known",
  "feat.completeness": "Completeness",
  "feat.insighted": "Insighted",
  "feat.contactLevel": "Contact level",

  "history.none": "No assessments up to this date.",
  "history.us": "us",
  "history.general": "general",

  "account.focus": "focus account",
  "account.strategy": "Strategy: ",
  "account.tactics": "Tactics",
  "account.why": "Why",

  "strategy.acquisition": "acquisition",
  "strategy.recovery": "recovery",
  "strategy.wait_and_see": "wait and see",
  "strategy.retention": "retention",
  "strategy.upgrade": "upgrade",

  "why.acquisition": "few key persons, and their seven features are not all known",
  "why.recovery": "the averages fell since last month",
  "why.wait_and_see": "poor averages and resource class D",
  "why.retention": "a complete graph with every average good or better",
  "why.upgrade": "a partial graph or mixed averages",

  "fact.key_persons": "Key persons",
  "fact.fully_known": "Fully known",
  "fact.fully_known_share": "Share fully known",
  "fact.complete": "Graph complete",
  "fact.averages": "Averages",
  "fact.previous_month_averages": "Averages a month before",
  "fact.tiers": "Tiers",
  "fact.month_on_month_drop": "Fall since last month",
  "fact.resource_class": "Resource class",
  "fact.trigger": "Trigger",

  "account.deals": "Deals ({n})",
  "account.politics": "Political map",
  "account.mapLabel": "Political map; the people table lists the same people ranked by influence",
  "account.hiddenNode": "★ hidden influencer",
  "account.hidden": "Hidden influencers ({n})",
  "account.noHidden": "None: influence follows the reporting line.",
  "account.ranked": "Everyone ranked by influence",
  "account.keyPersons": "Key persons ({n})",
  "account.assessments.one": "{n} assessment",
  "account.assessments.other": "{n} assessments",

  "actions.title": "Action list ({n})",
  "actions.none": "Nothing to do.",
  "actions.gaps": "gaps: {list}",
  "actions.helpers": "Helpers: {list}",
  "actions.helper": "{who} ({s}, {hops})",

  "principle.hundred_percent": "100% principle",
  "principle.lead_one_dimension": "Lead in one dimension",
  "principle.fix_short_boards": "Fix short boards",
  "principle.breakthrough": "Breakthrough",
  "principle.continuous_improvement": "Continuous improvement",
  "principle.all_staff_participation": "All-staff participation",

  "detail.hundred_percent": "{name}: contact and capture all seven features",
  "detail.fix_short_boards": "{name} opposes on {gaps}: raise to at least neutral",
  "detail.breakthrough": "{name} is at neutral or below on {gaps} in a focus deal: break through first",
  "detail.lead_one_dimension": "lead {competitor} on at least one of the three degrees",
  "detail.continuous_improvement": "the average {gaps} fell or is below good: improve it",
  "detail.all_staff_participation": "{name} is not insighted and the owner has no path; colleagues do",

  "gap.veto": "veto holder",
  "gap.approver": "approver",
  "gap.reporting_relationship": "reporting line",
  "gap.influence_relationship": "influence line",
  "gap.contact": "contact",

  "search.results": "Results for “{q}”",
  "search.none": "Nothing found within your perspective.",
  "search.list": "Search results",

  "intro.historyItem": "{status}: {when}",
  "intro.section": "{title} ({n})",
};

const ZH = {
  "common.cancel": "取消",
  "common.close": "关闭",
  "common.save": "保存",
  "common.optional": "可选",
  "common.none": "—",
  "common.today": "今天",
  "common.yes": "是",
  "common.no": "否",
  "common.notRecorded": "未记录",

  "form.required": "必填。",
  "form.fixBelow": "有字段需要修改，请看字段旁的提示。",
  "form.refused": "无权操作",
  "form.failed": "未保存",
  "form.saving": "正在保存…",
  "form.saved": "已保存。",
  "form.strengthRange": "0 到 1 之间的数字。",

  "att.strong_support": "强烈支持",
  "att.support": "支持",
  "att.neutral": "中立",
  "att.oppose": "反对",
  "att.strong_oppose": "强烈反对",
  "att.unknown": "未知",

  "feature.closeness": "关系紧密度",
  "feature.solution": "方案认可度",
  "feature.price": "价格接受度",
  "feature.veto": "一票否决人",
  "feature.approver": "一票批准人",

  "act.visit": "拜访",
  "act.meeting": "会议",
  "act.call": "电话",
  "act.dinner": "宴请",
  "act.email": "邮件",
  "act.demo": "演示",
  "act.event": "活动",
  "act.other": "其他",

  "role.decision_maker": "决策者",
  "role.approver": "审批者",
  "role.evaluator": "评估者",
  "role.influencer": "影响者",
  "role.user": "使用者",
  "role.coach": "教练",

  "rel.REPORTS_TO": "汇报给",
  "rel.INFLUENCES": "影响",

  "capture.heading": "记录",
  "capture.readOnly": "您可以查看但不能修改。",

  "log.open": "记录一次互动",
  "log.title": "记录一次互动",
  "log.when": "日期",
  "log.type": "类型",
  "log.ours": "我方参与人",
  "log.theirs": "客户方参与人",
  "log.deal": "项目",
  "log.noDeal": "不关联项目（一般）",
  "log.note": "纪要",
  "log.attitudes": "观察到的态度",
  "log.attitudesHelp": "可选：只记录您观察到的内容。",
  "log.attitudesOf": "{name} 的态度",
  "log.pickTheirs": "先选择见到的客户方人员，再记录其态度。",
  "log.submit": "记录",
  "log.done": "互动已记录。",

  "assess.open": "评估",
  "assess.title": "评估 {name}",
  "assess.deal": "针对",
  "assess.general": "一般（不针对项目）",
  "assess.submit": "保存评估",
  "assess.done": "评估已保存。",
  "assess.empty": "请至少选择一项特征。",
  "assess.now": "当前：{value}",

  "person.open": "添加人员",
  "person.title": "向 {account} 添加人员",
  "person.name": "姓名",
  "person.jobTitle": "职务",
  "person.department": "部门",
  "person.reportsTo": "汇报给",
  "person.nobody": "无 / 未知",
  "person.key": "关键人",
  "person.submit": "添加人员",
  "person.done": "已添加 {name}。",

  "line.open": "添加关系线",
  "line.title": "在组织图上添加关系线",
  "line.from": "从",
  "line.to": "到",
  "line.type": "关系",
  "line.strength": "强度（0–1）",
  "line.since": "开始日期",
  "line.submit": "添加关系线",
  "line.done": "关系线已添加。",
  "line.endOpen": "结束关系线",
  "line.endTitle": "结束组织图上的关系线",
  "line.which": "关系线",
  "line.until": "结束日期",
  "line.endSubmit": "结束关系线",
  "line.ended": "关系线已结束。",
  "line.none": "没有可结束的关系线。",
  "line.describe": "{from} {type} {to}",
  "line.pickHint": "或在图上依次点两个人：先点汇报或施加影响的一方，再点另一方。",
  "line.pickedFrom": "从 {name} 开始：请点第二个人。",

  "chain.heading": "编辑决策链",
  "chain.add": "添加成员",
  "chain.addTitle": "向决策链添加成员",
  "chain.person": "人员",
  "chain.role": "角色",
  "chain.addSubmit": "添加成员",
  "chain.added": "成员已添加。",
  "chain.changeRole": "修改角色",
  "chain.roleTitle": "修改 {name} 的角色",
  "chain.roleSubmit": "修改角色",
  "chain.roleChanged": "角色已修改。",
  "chain.remove": "移除",
  "chain.removeTitle": "将 {name} 移出决策链",
  "chain.removeConfirm": "{name} 自下方日期起离开决策链；历史记录保留。",
  "chain.removeSubmit": "移除成员",
  "chain.removed": "成员已移除。",
  "chain.sameDay": "其成员身份始于 {since}：最早只能在次日结束。",
  "chain.everyoneIn": "该客户的所有人员都已在决策链中。",
  "chain.actions": "编辑 {name}",

  "know.open": "我认识此人",
  "know.title": "我认识 {name}",
  "know.strength": "熟悉程度（0–1）",
  "know.strengthHelp": "0.2：见过面 · 0.5：能说上话 · 0.9：对方听我的",
  "know.since": "开始日期",
  "know.submit": "保存",
  "know.done": "已记录认识关系。",
  "know.yours": "您认识此人（强度 {s}）。",

  "intro.nav": "引荐",
  "intro.navCount": "引荐，{n} 条待您答复",
  "intro.title": "引荐",
  "intro.incoming": "请我引荐",
  "intro.outgoing": "我请求的引荐",
  "intro.noneIn": "还没有人请您引荐。",
  "intro.noneOut": "您还没有请求过引荐。",
  "intro.to": "引荐认识 {contact}",
  "intro.forDeal": "项目 {deal}",
  "intro.from": "请求人 {who}",
  "intro.colleague": "同事：{who}",
  "intro.hiddenColleague": "一位同事（对方接受后显示）",
  "intro.status.requested": "待答复",
  "intro.status.accepted": "已接受",
  "intro.status.declined": "已拒绝",
  "intro.status.made": "已引荐",
  "intro.status.helped": "有帮助",
  "intro.note": "留言",
  "intro.message": "留言（可选）",
  "intro.reply": "回复",
  "intro.accept": "接受",
  "intro.decline": "拒绝",
  "intro.made": "标记为已引荐",
  "intro.helped": "有帮助",
  "intro.acceptTitle": "接受引荐 {contact} 的请求",
  "intro.declineTitle": "拒绝引荐 {contact} 的请求",
  "intro.history": "记录",
  "intro.done": "引荐已更新。",
  "intro.askNote": "给同事的留言（可选）",
  "intro.ask": "请求",
  "intro.aColleague": "一位同事",
  "intro.askTitle": "请 {who} 引荐",
  "intro.madeTitle": "引荐 {contact} 已完成",
  "intro.helpedTitle": "引荐 {contact} 有帮助",

  "app.title": "BRM · 客户关系洞察",
  "app.skip": "跳到正文",

  "nav.main": "主导航",
  "nav.dashboard": "仪表盘",

  "search.label": "搜索人员、客户和项目",
  "search.placeholder": "搜索人员、客户、项目…",
  "search.submit": "搜索",

  "asof.label": "截至",
  "asof.slider": "截至：今天之前的天数",
  "asof.date": "截至日期",
  "asof.today": "今天",
  "asof.todayValue": "{date}（今天）",

  "lang.label": "语言",

  "who.signOut": "退出登录",
  "who.line": "{name} · {role}",

  "principal.rep": "销售代表",
  "principal.lead": "团队主管",
  "principal.exec": "高管",
  "principal.admin": "管理员",
  "principal.integration": "系统集成",

  "common.loading": "正在加载…",
  "common.asOf": "截至 {date}",
  "common.budget": "搜索已达上限。",
  "common.nobody": "暂无记录。",
  "common.colon": "：",
  "common.unknown": "未知",

  "error.generic": "出错了",
  "error.401": "未登录",
  "error.403": "无权访问",
  "error.404": "未找到",
  "error.409": "冲突",
  "error.412": "数据已被他人修改",
  "error.422": "输入有误",
  "error.5xx": "服务器暂时无法响应",
  "error.network": "无法连接服务器。",
  "error.noPage": "没有这个页面。",

  "login.title": "登录",
  "login.token": "访问令牌",
  "login.help": "粘贴管理员发给您的访问令牌。",
  "login.submit": "登录",
  "login.unknown": "该令牌无效或已被吊销。",

  "badge.veto": "否决",
  "badge.approver": "批准",
  "badge.key": "关键人",
  "badge.focus": "重点",
  "badge.hidden": "隐性",

  "degree.closeness": "关系紧密度",
  "degree.solution": "方案认可度",
  "degree.price": "价格接受度",

  "bucket.supportive": "支持",
  "bucket.neutral": "中立",
  "bucket.opposed": "反对",
  "bucket.unknown": "未知",

  "level.none": "无",
  "level.occasional": "偶尔",
  "level.multiple": "多次",
  "level.deep": "深入",

  "status.open": "跟进中",
  "status.won": "赢单",
  "status.lost": "丢单",

  "cmp.lead": "领先",
  "cmp.lag": "落后",
  "cmp.tie": "持平",
  "cmp.unknown": "未知",

  "kind.Contact": "客户人员",
  "kind.Account": "客户",
  "kind.Opportunity": "项目",
  "kind.Employee": "同事",
  "kind.CompetitorStaff": "竞争对手人员",

  "industry.banking": "金融",
  "industry.energy": "能源",
  "industry.manufacturing": "制造",

  "tier.excellent": "优秀",
  "tier.good": "良好",
  "tier.medium": "中等",
  "tier.poor": "差",
  "tier.unknown": "未知",

  "legend.label": "图例",
  "legend.employee": "我方员工",
  "legend.note": "粗红边框：一票否决人 · 线宽：强度 · 虚线：汇报关系",
  "legend.rival": "竞争对手 {name}",
  "legend.hidden": "金色双边框：隐性影响者；大小：影响力",

  "fmt.of": "{a} / {b}",
  "fmt.points": "{n} 个百分点",
  "fmt.mom": "环比",
  "fmt.yoy": "同比",
  "fmt.hops.one": "{n} 步",
  "fmt.hops.other": "{n} 步",

  "dash.title": "仪表盘",
  "dash.perspective": "视角",

  "scope.company": "全公司",
  "scope.team": "团队：{name}",
  "scope.employee": "员工：{name}",

  "dash.influence": "影响力主线",

  "kpi.value_potential": "员工影响力价值潜力：相识关键人 / 关键人",
  "kpi.contribution_count": "员工影响力贡献度：借助影响力赢得的项目（数量）",
  "kpi.contribution_amount": "员工影响力贡献度（金额）",
  "kpi.acquainted": "相识关键人",
  "kpi.acquainted_not_insighted": "相识但未洞察",
  "kpi.key_persons": "关键人",
  "kpi.trailing": "最近 {n} 天",

  "trend.title": "趋势（{n} 个月）",
  "trend.chart": "按月的价值潜力与贡献度",
  "trend.figures": "按月数据",
  "trend.month": "月份",
  "trend.acquainted": "相识",
  "trend.insighted": "已洞察",

  "series.value_potential": "价值潜力",
  "series.contribution_count": "贡献度（数量）",
  "series.contribution_amount": "贡献度（金额）",

  "cust.title": "客户主线",
  "kpi.accounts": "客户数",
  "kpi.closeness": "平均关系紧密度（−2…2）",
  "kpi.solution": "平均方案认可度",
  "kpi.price": "平均价格接受度",

  "kp.title": "关键人主线",
  "kpi.insighted": "已洞察",
  "kpi.not_insighted": "未洞察",
  "kp.notInsightedList": "未洞察（显示 {n} 人）",
  "kp.by": "按{degree}",
  "kp.bucket": "{bucket}（{n}）",

  "acc.title": "客户（{n}）",

  "acq.title": "相识关键人（显示 {n} 人）",

  "col.account": "客户",
  "col.openAmount": "在跟金额",
  "col.openDeals": "在跟项目",
  "col.keyPersons": "关键人",
  "col.closeness": "紧密度",
  "col.solution": "方案",
  "col.price": "价格",
  "col.person": "人员",
  "col.company": "公司",
  "col.department": "部门",
  "col.position": "职务",
  "col.competitor": "竞争对手",
  "col.role": "角色",
  "col.veto": "否决",
  "col.approver": "批准",
  "col.level": "交互程度",
  "col.reachable": "可触达",
  "col.heldBy": "被谁掌控",
  "col.date": "日期",
  "col.toward": "针对",
  "col.deal": "项目",
  "col.rank": "排名",
  "col.title": "职务",
  "col.score": "得分",
  "col.depth": "层级",
  "col.known": "已知",
  "col.history": "历史",

  "deal.account": "客户：{name}",
  "deal.amount": "金额 {amount}",
  "deal.chain": "项目决策链",
  "deal.mapLabel": "决策链图；下方成员表列出相同的人员",
  "deal.truncated": "还有更多关系线未画出。",
  "deal.coverage": "覆盖度",
  "deal.plain": "不加权",
  "deal.weighted": "按角色加权",
  "deal.against": "与竞争对手相比",
  "deal.noCompetitor": "未记录竞争对手。",
  "deal.gauge": "{ratio}（{kind}）",
  "deal.gaugeLabel": "{ratio}，{kind}：{value}",
  "deal.kind.plain": "不加权",
  "deal.kind.weighted": "加权",

  "ratio.contacted": "已接触",
  "ratio.insighted": "已洞察",
  "ratio.supportive": "支持我方",
  "ratio.reachable": "可触达",
  "ratio.competitor_held": "被竞争对手掌控",

  "deal.members": "成员（{n}）",
  "deal.blockers": "阻碍者（{n}）",
  "deal.noBlockers": "没有阻碍者：每位成员在三个维度上都支持我方。",
  "deal.unblock": "谁能化解阻碍",
  "deal.outside": "团队外的一位同事",
  "deal.reaches": "可触达 {names} · 最强 {s}",
  "deal.nobody": "公司内没有人能在 3 步之内触达阻碍者。",
  "deal.single": "单线联系的成员",
  "deal.onlyOne": "只有 {who} 能触达",
  "deal.noSingle": "没有成员只依赖一位同事。",

  "step.INFLUENCES": "影响",
  "step.REPORTS_TO_DOWN": "管理",
  "step.REPORTS_TO_UP": "汇报给",

  "person.maskedNode": "同事（可请求引荐）",
  "person.graphLabel": "通往 {name} 的影响路径；旁边的列表列出相同的路径",
  "person.maxHops": "最多步数",
  "person.who": "我方谁能影响此人",
  "person.upTo": "最多",
  "person.avoid": "避开反对我方的人",
  "person.paths": "路径（{n}）",
  "person.truncated": "搜索已达上限：可能还有更多路径。",
  "person.noPaths": "在这些步数内没有员工能触达此人。",
  "person.pathMeta": "强度 {s} · {hops}",
  "person.inbound": "直接影响此人的人",
  "person.history": "评估历史",
  "person.older": "更早的评估未显示。",
  "person.askMasked": "请求引荐",
  "person.askNamed": "请其引荐",
  "person.requested": "已请求引荐：{status}。",

  "feat.title": "七特征",
  "feat.reporting_known": "已知汇报关系",
  "feat.influence_known": "已知影响关系",
  "feat.completeness": "完整度",
  "feat.insighted": "已洞察",
  "feat.contactLevel": "交互程度",

  "history.none": "截至该日期没有评估。",
  "history.us": "我方",
  "history.general": "一般",

  "account.focus": "重点客户",
  "account.strategy": "策略：",
  "account.tactics": "战术",
  "account.why": "依据",

  "strategy.acquisition": "客户获取",
  "strategy.recovery": "亡羊补牢",
  "strategy.wait_and_see": "以静制动",
  "strategy.retention": "客户维系",
  "strategy.upgrade": "客户提升",

  "why.acquisition": "关键人少，且其七特征尚未全部掌握",
  "why.recovery": "平均值较上月下降",
  "why.wait_and_see": "平均值差且资源等级为 D",
  "why.retention": "关系图完整，各项平均均为良好及以上",
  "why.upgrade": "关系图不完整或各项平均参差不齐",

  "fact.key_persons": "关键人",
  "fact.fully_known": "七特征全部掌握",
  "fact.fully_known_share": "全部掌握的比例",
  "fact.complete": "关系图完整",
  "fact.averages": "平均值",
  "fact.previous_month_averages": "上月平均值",
  "fact.tiers": "等级",
  "fact.month_on_month_drop": "较上月下降",
  "fact.resource_class": "资源等级",
  "fact.trigger": "触发原因",

  "account.deals": "项目（{n}）",
  "account.politics": "政治版图",
  "account.mapLabel": "政治版图；人员表按影响力列出相同的人员",
  "account.hiddenNode": "★ 隐性影响者",
  "account.hidden": "隐性影响者（{n}）",
  "account.noHidden": "无：影响力与汇报关系一致。",
  "account.ranked": "按影响力排序的所有人",
  "account.keyPersons": "关键人（{n}）",
  "account.assessments.one": "{n} 次评估",
  "account.assessments.other": "{n} 次评估",

  "actions.title": "行动清单（{n}）",
  "actions.none": "暂无待办。",
  "actions.gaps": "缺口：{list}",
  "actions.helpers": "可助力的同事：{list}",
  "actions.helper": "{who}（{s}，{hops}）",

  "principle.hundred_percent": "100% 原则",
  "principle.lead_one_dimension": "一马当先",
  "principle.fix_short_boards": "补全短板",
  "principle.breakthrough": "重点突破",
  "principle.continuous_improvement": "持续改进",
  "principle.all_staff_participation": "全员参与",

  "detail.hundred_percent": "{name}：接触并掌握全部七特征",
  "detail.fix_short_boards": "{name} 在{gaps}上反对：至少提升到中立",
  "detail.breakthrough": "{name} 在重点项目中{gaps}处于中立或以下：优先突破",
  "detail.lead_one_dimension": "至少在三度之一上领先 {competitor}",
  "detail.continuous_improvement": "平均{gaps}下降或低于良好：持续改进",
  "detail.all_staff_participation": "{name} 尚未洞察，客户负责人没有路径，但其他同事有",

  "gap.veto": "一票否决人",
  "gap.approver": "一票批准人",
  "gap.reporting_relationship": "汇报关系",
  "gap.influence_relationship": "影响关系",
  "gap.contact": "接触",

  "search.results": "“{q}”的搜索结果",
  "search.none": "在您的视角内没有找到结果。",
  "search.list": "搜索结果",

  "intro.historyItem": "{status}：{when}",
  "intro.section": "{title}（{n}）",
};

const CATALOGUES = { "zh-CN": ZH, en: EN };
export const LANGUAGES = [["zh-CN", "中文"], ["en", "English"]];
const STORED = "brm.lang";
// Amounts without a currency of their own (sums over deals, KPI figures) are in this one.
export const DEFAULT_CURRENCY = "CNY";

function stored() {
  try { return globalThis.localStorage?.getItem(STORED) ?? null; } catch { return null; }
}

function chosen() {
  const kept = stored();
  if (kept in CATALOGUES) return kept;
  const nav = globalThis.navigator;
  const first = (nav?.languages?.length ? nav.languages[0] : nav?.language) || "en";
  return first.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export const lang = chosen();

/** The header's switch: keep the choice and draw the whole app again in that language. */
export function setLang(next) {
  if (!(next in CATALOGUES) || next === lang) return;
  localStorage.setItem(STORED, next);
  location.reload();
}

export function t(key, vars = {}) {
  const text = CATALOGUES[lang][key] ?? EN[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

const plural = new Intl.PluralRules(lang);
/** A count in words: "key.one" or "key.other" by the language's plural rules, {n} formatted. */
export const tn = (key, n, vars = {}) =>
  t(`${key}.${plural.select(n) === "one" ? "one" : "other"}`, { ...vars, n: num(n) });

/** A label of a value the API answers with (an attitude, a status, ...), or the value itself
 *  when the catalogue has none (data entered by people, such as an industry). */
export const has = (key) => key in CATALOGUES[lang];
export const label = (prefix, value) => (has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value);

const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
const percents = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
const money = new Map();
const days = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
const times = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
const months = new Intl.DateTimeFormat(lang, { year: "2-digit", month: "short", timeZone: "UTC" });
const lists = new Intl.ListFormat(lang, { style: "short", type: "conjunction" });
const blank = (v) => v === null || v === undefined || v === "";

export const num = (v) => (blank(v) ? "–" : numbers.format(Number(v)));
// Rounded to a tenth of a percent first, half up as everywhere in the app.
export const pct = (v) => (blank(v) ? "–" : percents.format(Math.round(Number(v) * 1000) / 1000));
export function amount(v, currency) {
  if (blank(v)) return "–";
  const code = currency || DEFAULT_CURRENCY;
  if (!money.has(code)) {
    money.set(code, new Intl.NumberFormat(lang, { style: "currency", currency: code,
      currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 }));
  }
  return money.get(code).format(Number(v));
}
/** A calendar date (YYYY-MM-DD, as the API gives it), in the language's medium style. */
export const date = (iso) => (blank(iso) ? "–" : days.format(new Date(`${String(iso).slice(0, 10)}T00:00:00Z`)));
export const dateTime = (iso) => (blank(iso) ? "–" : times.format(new Date(iso)));
export const month = (iso) => months.format(new Date(`${String(iso).slice(0, 10)}T00:00:00Z`));
export const list = (items) => lists.format(items.map(String));

/** The static page (index.html): text of [data-i18n], attributes of [data-i18n-<attribute>]. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  document.title = t("app.title");
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const attr of ["aria-label", "placeholder", "title"]) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
}

// For tests: both catalogues, to compare their keys and placeholders.
export const catalogues = () => ({ en: EN, "zh-CN": ZH });
