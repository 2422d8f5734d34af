import Testing
import WebhookCore

@Suite struct SubscriptionTests {
    @Test func webhooksFeatureIsOnForScaleWithoutAddon() {
        #expect(Subscription(plan: .scale).hasWebhooksFeature)
    }

    @Test func webhooksFeatureIsOffForLowerPlansWithoutAddon() {
        for plan in [Plan.free, .starter, .pro] {
            #expect(!Subscription(plan: plan).hasWebhooksFeature, "plan \(plan)")
        }
    }

    @Test func activeAddonTurnsTheFeatureOnForEveryPlan() {
        for plan in Plan.allCases {
            let subscription = Subscription(plan: plan, webhooksAddon: WebhooksAddon(status: .active, interval: .month))
            #expect(subscription.hasWebhooksFeature, "plan \(plan)")
        }
    }

    @Test func lapsedAddonDoesNotGrantTheFeature() {
        for status in [WebhooksAddon.Status.none, .pastDue, .canceled] {
            let subscription = Subscription(plan: .pro, webhooksAddon: WebhooksAddon(status: status, interval: .year))
            #expect(!subscription.hasWebhooksFeature, "status \(status)")
        }
    }

    @Test func addonPricesAreFiftyNineMonthlyAndFourSixtyEightYearly() {
        #expect(WebhooksAddon.Interval.month.priceCents == 5_900)
        #expect(WebhooksAddon.Interval.year.priceCents == 46_800)
    }

    @Test func planTableCoversEveryPlanAndGrowsWithThePlan() {
        #expect(PlanLimits.table.count == Plan.allCases.count)
        let ordered = Plan.allCases.map(\.limits)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(lower.webhooksPerChatbot <= higher.webhooksPerChatbot)
            #expect(lower.maxRetries <= higher.maxRetries)
            #expect(lower.logRetentionDays <= higher.logRetentionDays)
        }
    }
}
