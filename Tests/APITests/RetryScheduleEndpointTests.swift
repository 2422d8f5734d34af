import Foundation
import Testing
import TestSupport

/// `retrySchedule` through the webhook routes: create, read, PATCH, PUT, clearing, validation and the plan's cap.
@Suite struct RetryScheduleEndpointTests {
    static let seed003 = [60_000, 300_000, 1_800_000, 10_800_000]

    func path(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    func body(_ extra: [String: Any] = [:]) -> [String: Any] {
        ["url": "https://crm.example.com/webhooks/leads", "eventTypes": ["lead.created"]].merging(extra) { $1 }
    }

    func webhook(_ response: TestHTTPClient.Response) -> [String: Any]? {
        response.json?["webhook"] as? [String: Any]
    }

    func error(_ response: TestHTTPClient.Response) -> (code: String?, field: String?) {
        let error = response.json?["error"] as? [String: Any]
        return (error?["code"] as? String, error?["field"] as? String)
    }

    @Test func aScheduleIsStoredShownAndSetsMaxRetries() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: body(["retrySchedule": Self.seed003]))
        #expect(created.status == 201, "\(created.text)")
        #expect(webhook(created)?["retrySchedule"] as? [Int] == Self.seed003)
        #expect(webhook(created)?["maxRetries"] as? Int == 4)
        let id = try #require(webhook(created)?["id"] as? String)
        let fetched = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect(webhook(fetched)?["retrySchedule"] as? [Int] == Self.seed003)
        #expect(webhook(fetched)?["maxRetries"] as? Int == 4)
        let listed = try service.request("GET", path(service), token: token)
        let first = (listed.json?["webhooks"] as? [[String: Any]])?.first
        #expect(first?["retrySchedule"] as? [Int] == Self.seed003)
    }

    @Test func aWebhookWithoutAScheduleShowsNull() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: body(["maxRetries": 0]))
        #expect(created.status == 201)
        #expect(webhook(created)?["retrySchedule"] is NSNull)
        #expect(webhook(created)?["maxRetries"] as? Int == 0)
    }

    @Test func patchSetsKeepsAndClearsTheScheduleAndPutWithoutItHasNone() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: body())
        let id = try #require(webhook(created)?["id"] as? String)

        let scheduled = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                            json: ["retrySchedule": [200, 600, 1_200]])
        #expect(scheduled.status == 200, "\(scheduled.text)")
        #expect(webhook(scheduled)?["retrySchedule"] as? [Int] == [200, 600, 1_200])
        #expect(webhook(scheduled)?["maxRetries"] as? Int == 3)

        let renamed = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["name": "Renamed"])
        #expect(webhook(renamed)?["retrySchedule"] as? [Int] == [200, 600, 1_200])

        let cleared = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                          json: ["retrySchedule": NSNull(), "maxRetries": 1])
        #expect(cleared.status == 200, "\(cleared.text)")
        #expect(webhook(cleared)?["retrySchedule"] is NSNull)
        #expect(webhook(cleared)?["maxRetries"] as? Int == 1)
        let stored = try ServiceProcess.runPSQL(url: service.database.url,
                                                "SELECT coalesce(retry_schedule_ms::text, 'none') FROM webhooks")
        #expect(stored.contains("none"))

        _ = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["retrySchedule": Self.seed003])
        let emptied = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["retrySchedule": []])
        #expect(webhook(emptied)?["retrySchedule"] is NSNull)
        #expect(webhook(emptied)?["maxRetries"] as? Int == 4)

        let replacedWith = try service.request("PUT", path(service, "/\(id)"), token: token,
                                               json: body(["retrySchedule": [1_000, 2_000], "maxRetries": 2]))
        #expect(replacedWith.status == 200, "\(replacedWith.text)")
        #expect(webhook(replacedWith)?["retrySchedule"] as? [Int] == [1_000, 2_000])
        let replacedWithout = try service.request("PUT", path(service, "/\(id)"), token: token, json: body())
        #expect(webhook(replacedWithout)?["retrySchedule"] is NSNull)
        #expect(webhook(replacedWithout)?["maxRetries"] as? Int == 3)
    }

    @Test func badSchedulesNameTheFieldOrEntry() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let cases: [([String: Any], Int, String, String)] = [
            (["retrySchedule": [1_000, -1]], 422, "invalid_field", "retrySchedule[1]"),
            (["retrySchedule": [1_000, 2_000, 50]], 422, "invalid_field", "retrySchedule[2]"),
            (["retrySchedule": [86_400_001]], 422, "invalid_field", "retrySchedule[0]"),
            (["retrySchedule": Array(repeating: 1_000, count: 11)], 422, "invalid_field", "retrySchedule"),
            (["retrySchedule": Self.seed003, "maxRetries": 3], 422, "invalid_field", "maxRetries"),
            (["retrySchedule": [1_000, "5s"] as [Any]], 400, "invalid_type", "retrySchedule[1]"),
            (["retrySchedule": [1_000, 1.5] as [Any]], 400, "invalid_type", "retrySchedule[1]"),
            (["retrySchedule": [true] as [Any]], 400, "invalid_type", "retrySchedule[0]"),
            (["retrySchedule": 60_000], 400, "invalid_type", "retrySchedule"),
        ]
        for (extra, status, code, field) in cases {
            let response = try service.request("POST", path(service), token: token, json: body(extra))
            #expect(response.status == status, "\(extra): \(response.text)")
            #expect(error(response).code == code, "\(extra)")
            #expect(error(response).field == field, "\(extra)")
        }
        let created = try service.request("POST", path(service), token: token, json: body(["retrySchedule": Self.seed003]))
        let id = try #require(webhook(created)?["id"] as? String)
        let disagreeing = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["maxRetries": 2])
        #expect(disagreeing.status == 422)
        #expect(error(disagreeing).field == "maxRetries")
        let unchanged = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect(webhook(unchanged)?["retrySchedule"] as? [Int] == Self.seed003)
    }

    @Test func aScheduleLongerThanThePlanAllowsAnswers402() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let plan = try Provision.subscription(service, tenantId: service.demo["tenantId"]!,
                                              ["plan": "free", "webhooksAddon": ["status": "active", "interval": "month"]])
        #expect(plan.status == 200)
        let tooLong = try service.request("POST", path(service), token: token, json: body(["retrySchedule": Self.seed003]))
        #expect(tooLong.status == 402)
        #expect(error(tooLong).code == "plan_limit_exceeded")
        #expect(error(tooLong).field == "retrySchedule")
        let fits = try service.request("POST", path(service), token: token,
                                       json: body(["retrySchedule": [60_000, 300_000, 1_800_000]]))
        #expect(fits.status == 201)
    }
}
