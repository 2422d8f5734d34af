import Foundation
import Testing
import TestSupport

/// The per-website settings form: named slots over ordinary webhooks.
@Suite struct WebhookSettingsEndpointTests {
    func path(_ service: APIService) -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhook-settings"
    }

    func webhooks(_ service: APIService, _ token: String) throws -> [[String: Any]] {
        let list = try service.request("GET", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token)
        return list.json?["webhooks"] as? [[String: Any]] ?? []
    }

    func error(_ response: TestHTTPClient.Response) -> [String: Any] {
        response.json?["error"] as? [String: Any] ?? [:]
    }

    @Test func anEmptyFormShowsEverySlotUnset() throws {
        let service = try APIService()
        let read = try service.request("GET", path(service), token: try service.loginDemo())
        #expect(read.status == 200)
        #expect(read.json?["chatbotId"] as? String == service.demo["chatbotId"])
        for slot in ["all", "messages", "escalations", "leads"] {
            #expect(read.json?[slot] is NSNull, "\(slot)")
        }
    }

    @Test func savingTheSeedsFormsCreatesOrdinaryWebhooksAndNeverShowsTheSecretsBack() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let saved = try service.request("PATCH", path(service), token: token, json: [
            "all": ["url": "https://crm.example.com/webhook", "secret": "my-suppabot-secret"],
            "leads": ["url": "https://your-server.com/webhooks/leads", "token": "abc-leads-xyz"],
            "messages": ["url": "https://your-server.com/webhooks/messages", "token": "abc-messages-xyz"],
        ])
        #expect(saved.status == 200, "\(saved.text)")
        #expect(!saved.text.contains("abc-leads-xyz") && !saved.text.contains("my-suppabot-secret"))
        let leads = try #require(saved.json?["leads"] as? [String: Any])
        #expect(leads["url"] as? String == "https://your-server.com/webhooks/leads")
        #expect(leads["secretSet"] as? Bool == true)
        #expect(leads["status"] as? String == "active")
        #expect(saved.json?["escalations"] is NSNull)

        let list = try webhooks(service, token)
        #expect(list.count == 3)
        let leadsWebhook = try #require(list.first { $0["id"] as? String == leads["webhookId"] as? String })
        #expect(leadsWebhook["payloadFormat"] as? String == "sitegpt")
        #expect(leadsWebhook["eventTypes"] as? [String] == ["NEW_LEAD_CAPTURE"])
        #expect(leadsWebhook["signatureScheme"] as? String == "token")
        let all = try #require(list.first { $0["payloadFormat"] as? String == "suppabot" })
        #expect(all["eventTypes"] as? [String] == ["*"])
        #expect(!(try service.request("GET", path(service), token: token).text.contains("abc-leads-xyz")))
    }

    @Test func anEmptyURLRemovesTheSlotsWebhookAndOtherSlotsStay() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        _ = try service.request("PATCH", path(service), token: token, json: [
            "all": ["url": "https://crm.example.com/webhook"],
            "escalations": ["url": "https://your-server.com/webhooks/escalations", "token": "abc-escalations-xyz"],
        ])
        #expect(try webhooks(service, token).count == 2)
        let cleared = try service.request("PATCH", path(service), token: token, json: ["all": ["url": ""]])
        #expect(cleared.status == 200)
        #expect(cleared.json?["all"] is NSNull)
        #expect(cleared.json?["escalations"] is [String: Any])
        #expect(try webhooks(service, token).count == 1)
        let nulled = try service.request("PATCH", path(service), token: token, json: ["escalations": NSNull()])
        #expect(nulled.json?["escalations"] is NSNull)
        #expect(try webhooks(service, token).isEmpty)
    }

    @Test func seed000sSlotWithoutASecretSignsWithStandardWebhooksAndChangesKeepTheWebhook() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let first = try service.request("PATCH", path(service), token: token, json: ["all": ["url": "https://a.example.com/hook"]])
        let created = try #require(first.json?["all"] as? [String: Any])
        #expect(created["secretSet"] as? Bool == false)
        #expect(try webhooks(service, token).first?["signatureScheme"] as? String == "standard")

        let withSecret = try service.request("PATCH", path(service), token: token,
                                             json: ["all": ["url": "https://b.example.com/hook", "secret": "now-a-secret"]])
        let changed = try #require(withSecret.json?["all"] as? [String: Any])
        #expect(changed["webhookId"] as? String == created["webhookId"] as? String)
        #expect(changed["url"] as? String == "https://b.example.com/hook")
        #expect(changed["secretSet"] as? Bool == true)
        #expect(try webhooks(service, token).first?["signatureScheme"] as? String == "token")

        // The URL alone changes; the secret stays until it is given again or emptied.
        let urlOnly = try service.request("PATCH", path(service), token: token, json: ["all": ["url": "https://c.example.com/hook"]])
        #expect((urlOnly.json?["all"] as? [String: Any])?["secretSet"] as? Bool == true)
        let emptied = try service.request("PATCH", path(service), token: token,
                                          json: ["all": ["url": "https://c.example.com/hook", "secret": ""]])
        #expect((emptied.json?["all"] as? [String: Any])?["secretSet"] as? Bool == false)
    }

    @Test func badInputIsRefusedNamingTheFieldAndChangesNothing() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let cases: [([String: Any], Int, String)] = [
            (["leads": ["url": "https://x.example.com/leads"]], 422, "leads.token"),
            (["leads": ["url": "https://x.example.com/leads", "token": "short"]], 422, "leads.token"),
            (["messages": ["url": "http://10.0.0.1/hook", "token": "abc-messages-xyz"]], 422, "messages.url"),
            (["all": ["url": "https://x.example.com", "token": "tokens-are-seed-001s"]], 400, "all.token"),
            (["leads": ["url": "https://x.example.com", "token": "abc-leads-xyz", "secret": "abc-leads-xyz"]], 400, "leads.token"),
            (["escalations": ["token": NSNull(), "secret": NSNull()]], 400, "escalations.token"),
            (["everything": ["url": "https://x.example.com"]], 400, "everything"),
            (["all": "https://x.example.com"], 400, "all"),
            (["all": ["url": 5]], 400, "all.url"),
            (["all": ["url": "https://x.example.com", "secret": "bad\u{0}secret"]], 422, "all.secret"),
            // Removing a slot still checks a secret sent along with it.
            (["all": ["url": NSNull(), "secret": "x"]], 422, "all.secret"),
            (["leads": ["url": "", "token": ""]], 422, "leads.token"),
        ]
        let empty = try service.request("PATCH", path(service), token: token, json: [:])
        #expect(empty.status == 400)
        for (body, status, field) in cases {
            let response = try service.request("PATCH", path(service), token: token, json: body)
            #expect(response.status == status, "\(body): \(response.text)")
            #expect(error(response)["field"] as? String == field, "\(body): \(response.text)")
        }
        // A valid slot beside an invalid one is not saved either: the form saves all or nothing.
        let mixed = try service.request("PATCH", path(service), token: token, json: [
            "all": ["url": "https://ok.example.com/hook"], "leads": ["url": "https://x.example.com/leads"],
        ])
        #expect(mixed.status == 422)
        #expect(try webhooks(service, token).isEmpty)
    }

    @Test func withoutTheFeatureASlotCannotBeCreatedButReadsWork() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        _ = try Provision.subscription(service, tenantId: service.demo["tenantId"]!, ["plan": "pro"])
        let refused = try service.request("PATCH", path(service), token: token, json: ["all": ["url": "https://a.example.com/hook"]])
        #expect(refused.status == 402)
        #expect(error(refused)["code"] as? String == "plan_required")
        #expect(try service.request("GET", path(service), token: token).status == 200)
    }

    @Test func anotherTenantSeesAndChangesNothingAndMembersOnlyRead() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        _ = try service.request("PATCH", path(service), token: token, json: ["all": ["url": "https://a.example.com/hook"]])
        _ = try Provision.tenant(service, name: "Other", plan: "scale", email: "other@example.com",
                                 password: "another long password")
        let other = try service.login(email: "other@example.com", password: "another long password")
        #expect(try service.request("GET", path(service), token: other).status == 404)
        let hijack = try service.request("PATCH", path(service), token: other, json: ["all": ["url": "https://evil.example.com/"]])
        #expect(hijack.status == 404)
        _ = try Provision.user(service, tenantId: service.demo["tenantId"]!, email: "reader@example.com",
                               password: "reader password 1", role: "member")
        let member = try service.login(email: "reader@example.com", password: "reader password 1")
        #expect(try service.request("GET", path(service), token: member).status == 200)
        #expect(try service.request("PATCH", path(service), token: member, json: ["all": ["url": ""]]).status == 403)
        let mine = try service.request("GET", path(service), token: token)
        #expect((mine.json?["all"] as? [String: Any])?["url"] as? String == "https://a.example.com/hook")
    }
}
