import Foundation
import Testing
import TestSupport

/// PostgreSQL restarted in the middle of a delivery run: the service reconnects and finishes the work.
@Suite struct DatabaseRestartTests {
    @Test func deliveriesFinishAfterPostgreSQLRestartsMidRun() throws {
        let cluster = try PrivateCluster()
        let admin = try PostgresAdmin(url: cluster.url)
        try admin.execute("CREATE DATABASE webhooks")
        let databaseURL = cluster.url.replacingOccurrences(of: "/postgres", with: "/webhooks")
        let environment = ServiceProcess.environment(databaseURL: databaseURL)
        #expect(try ServiceProcess.run(["migrate"], environment: environment).status == 0)
        let demoOutcome = try ServiceProcess.run(["demo", "--json"], environment: environment)
        let demo = try #require(try JSONSerialization.jsonObject(with: Data(demoOutcome.stdout.utf8)) as? [String: String])
        let service = try ServiceProcess(serveWith: environment)
        let receiver = try ReceiverProcess(statuses: [200], delayMilliseconds: 20)
        let client = try TestHTTPClient(port: service.port)
        func send(_ method: String, _ path: String, token: String, json: Any) throws -> TestHTTPClient.Response {
            try client.send(method: method, path: path, headers: [("Authorization", "Bearer \(token)"),
                                                                   ("Content-Type", "application/json")],
                            body: Array(try JSONSerialization.data(withJSONObject: json)))
        }
        let chatbot = try #require(demo["chatbotId"])
        let key = try #require(demo["apiKey"])
        #expect(try send("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: key,
                         json: ["url": receiver.url, "eventTypes": ["*"], "maxConcurrency": 4]).status == 201)
        for index in 0..<100 {
            #expect(try send("POST", "/api/v1/chatbots/\(chatbot)/events", token: key,
                             json: ["type": "lead.created", "data": ["id": "lead_\(index)"]]).status == 202)
        }
        _ = receiver.waitFor(20)
        try cluster.stop()
        Thread.sleep(forTimeInterval: 1)
        try cluster.start()

        let deadline = Date().addingTimeInterval(120)
        var distinct = 0
        while Date() < deadline {
            distinct = Set(receiver.requests.compactMap { ($0["headers"] as? [String: String])?["x-webhook-delivery-id"] }).count
            if distinct == 100 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(distinct == 100)
        var ready = 0
        for _ in 0..<50 {
            ready = (try? TestHTTPClient(port: service.port).send(method: "GET", path: "/readyz").status) ?? 0
            if ready == 200 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(ready == 200)
        var succeeded = ""
        for _ in 0..<100 {
            succeeded = try ServiceProcess.runPSQL(url: databaseURL, "SELECT count(*) FROM deliveries WHERE status = 'succeeded'")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if succeeded == "100" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(succeeded == "100")
        #expect(service.stop() == 0)
    }
}
