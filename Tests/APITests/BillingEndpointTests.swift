import Foundation
import Testing
import TestSupport

/// `GET /api/v1/billing` and the billing sync `PUT /api/v1/admin/tenants/{tenantId}/subscription`.
@Suite struct BillingEndpointTests {
    @Test func billingShowsPlanAddonFeaturesLimitsAndPrices() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let billing = try service.request("GET", "/api/v1/billing", token: token)
        #expect(billing.status == 200)
        let json = try #require(billing.json)
        #expect(json["plan"] as? String == "scale")
        #expect(json["features"] as? [String] == ["webhooks"])
        #expect(json["upgrade"] is NSNull)
        let addon = try #require(json["webhooksAddon"] as? [String: Any])
        #expect(addon["status"] as? String == "none")
        #expect(addon["interval"] is NSNull)
        let limits = try #require(json["limits"] as? [String: Any])
        #expect(limits["maxRetries"] as? Int == 10)
        #expect(limits["webhooksPerChatbot"] as? Int == 100)
        #expect(limits["logRetentionDays"] as? Int == 30)
        let prices = try #require(json["addonPrices"] as? [String: Any])
        #expect(prices["monthlyPriceCents"] as? Int == 5_900)
        #expect(prices["yearlyPriceCents"] as? Int == 46_800)
        #expect(prices["currency"] as? String == "usd")
        let plans = try #require(json["plans"] as? [[String: Any]])
        #expect(plans.map { $0["plan"] as? String } == ["free", "starter", "pro", "scale"])
        #expect(plans.map { $0["includesWebhooks"] as? Bool } == [false, false, false, true])

        // API keys and unauthenticated callers.
        #expect(try service.request("GET", "/api/v1/billing", token: service.demo["apiKey"]).status == 200)
        #expect(try service.request("GET", "/api/v1/billing").status == 401)
    }

    @Test func subscriptionSyncFlipsFeaturesInBillingAndMe() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let tenantId = try #require(service.demo["tenantId"])

        func check(plan: String, features: [String], addon: String, priceCents: Int?) throws {
            let billing = try #require(try service.request("GET", "/api/v1/billing", token: token).json)
            let me = try #require(try service.request("GET", "/api/v1/auth/me", token: token).json)
            for json in [billing, me] {
                #expect(json["plan"] as? String == plan)
                #expect(json["features"] as? [String] == features)
                #expect((json["webhooksAddon"] as? [String: Any])?["status"] as? String == addon)
                #expect((json["webhooksAddon"] as? [String: Any])?["priceCents"] as? Int == priceCents)
            }
            #expect((billing["upgrade"] is NSNull) == !features.isEmpty)
        }

        let downgraded = try Provision.subscription(service, tenantId: tenantId, ["plan": "pro"])
        #expect(downgraded.status == 200)
        #expect(downgraded.json?["id"] as? String == tenantId)
        #expect(downgraded.json?["plan"] as? String == "pro")
        #expect(downgraded.json?["features"] as? [String] == [])
        #expect((downgraded.json?["limits"] as? [String: Any])?["maxRetries"] as? Int == 8)
        try check(plan: "pro", features: [], addon: "none", priceCents: nil)
        let upgrade = try #require(try service.request("GET", "/api/v1/billing", token: token).json?["upgrade"] as? [String: Any])
        #expect(upgrade["plan"] as? String == "scale")
        #expect((upgrade["addon"] as? [String: Any])?["monthlyPriceCents"] as? Int == 5_900)
        #expect((upgrade["addon"] as? [String: Any])?["yearlyPriceCents"] as? Int == 46_800)

        let withAddon = try Provision.subscription(service, tenantId: tenantId,
                                                   ["plan": "pro", "webhooksAddon": ["status": "active", "interval": "year"]])
        #expect(withAddon.status == 200)
        #expect(withAddon.json?["features"] as? [String] == ["webhooks"])
        try check(plan: "pro", features: ["webhooks"], addon: "active", priceCents: 46_800)

        let pastDue = try Provision.subscription(service, tenantId: tenantId,
                                                 ["plan": "starter", "webhooksAddon": ["status": "past_due", "interval": "month"]])
        #expect(pastDue.status == 200)
        try check(plan: "starter", features: [], addon: "past_due", priceCents: 5_900)

        #expect(try Provision.subscription(service, tenantId: tenantId, ["plan": "scale", "webhooksAddon": NSNull()]).status == 200)
        try check(plan: "scale", features: ["webhooks"], addon: "none", priceCents: nil)
    }
}
