"""The five ESP+ strategies (五类策略) and their tactics, from the source articles."""

from enum import StrEnum


class Strategy(StrEnum):
    ACQUISITION = "acquisition"  # 客户获取
    RECOVERY = "recovery"  # 亡羊补牢
    WAIT_AND_SEE = "wait_and_see"  # 以静制动
    RETENTION = "retention"  # 客户维系
    UPGRADE = "upgrade"  # 客户提升


TACTICS: dict[Strategy, list[str]] = {
    Strategy.ACQUISITION: [
        "Take the customer to reference sites and to our company to prove our strength",
        "Hold technical exchanges so the customer knows our products",
        "Build relationships with senior management through every channel",
        "Win the working level through frequent exchange and differentiation from rivals",
        "Offer attractive terms (payment periods, financing) to raise our appeal",
    ],
    Strategy.UPGRADE: [
        "Bring in our full range of solutions; guide the customer's needs and plans",
        "Learn the customer's needs and annual budget and position early",
        "Understand personal and organisational needs; help the customer get the most value",
    ],
    Strategy.RETENTION: [
        "Keep bringing new solutions and uncovering new needs",
        "Raise service standards and personalise service",
        "Offer free or high-value products and services",
        "Build commercial and technical barriers against competitors",
        "Neutralise opponents inside the customer and unite more supporters",
    ],
    Strategy.RECOVERY: [
        "Find the deep reasons the customer is drifting away and resolve them one by one",
        "Find new supporters inside the customer and form an alliance",
        "Find ways to defuse the opposing forces and act on them",
        "Introduce new products and solutions to shift the focus",
    ],
    Strategy.WAIT_AND_SEE: [
        "Stay in touch and learn the customer's future project plans",
        "Analyse the causes and wait for an opening",
        "Offer the advice and service we can",
        "Wait for the competitor to make mistakes",
    ],
}

TACTICS_ZH: dict[Strategy, list[str]] = {
    Strategy.ACQUISITION: ["带领客户参观案例和公司", "进行技术交流", "通过各种渠道建立高层关系",
                           "多交流互动和差异性分析，得到基层支持", "给出优惠性条件"],
    Strategy.UPGRADE: ["充分引入我公司各种解决方案，引导客户需求和规划", "了解客户需求和年度预算，提早布局",
                       "充分了解客户内在需求（个人和组织）"],
    Strategy.RETENTION: ["不断有新的解决方案，发掘新需求", "提高服务标准和提供个性化服务",
                         "提供免费或高性价比产品和服务", "建立商务和技术壁垒", "消除敌对者，联合更多支持者"],
    Strategy.RECOVERY: ["挖掘客户疏远的深层原因，逐个解决", "找到客户内部新的支持者，结成同盟",
                        "寻找化解反对势力的方法", "引入新的产品和解决方案，转移焦点"],
    Strategy.WAIT_AND_SEE: ["与客户保持联系，了解今后项目规划", "分析原因，等待机会",
                            "提供力所能及的建议和服务", "等待竞争对手犯错误"],
}
