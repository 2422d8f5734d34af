import Foundation
import Testing
import TestProcess
@testable import WebhookCore

/// Our Slack and Discord bodies, posted to a receiver that refuses what Slack's and Discord's incoming webhooks
/// document refusing (Tests/IntegrationTests/Receivers/chat_receiver.py).
@Suite struct ChatReceiverTests {
    @Test func slackAndDiscordReceiversAcceptEveryBodyWeProduce() throws {
        let receiver = try ChatReceiver()
        defer { receiver.stop() }
        let hostile = #"{"ticket_id":"t","subject":"<!channel> @everyone é😀 a/b","description":"line\n</script> & <@U1>"}"#
        var cases: [(type: EventType, data: String)] = EventType.catalogue.map { ($0, $0.example) }
        cases += EventType.catalogue.compactMap { type in CatalogueRecord.minimalData[type.name].map { (type, $0) } }
        cases.append((try #require(EventType.named("lead.created")), ChatMessageTests.oversizedLead))
        cases.append((try #require(EventType.named("ticket.created")), hostile))
        for (type, data) in cases {
            let value = try JSONValue.parse(Array(data.utf8))
            for isTest in [false, true] {
                let slack = ChatMessage.slack(eventType: type, data: value, occurredAt: ChatBody.occurredAt,
                                              chatbotId: "chatbot_123", dashboardURL: "https://app.example.com/x", isTest: isTest)
                #expect(try receiver.post(slack, to: "/slack") == 200, "Slack refused \(type.name): \(receiver.lastError)")
                let discord = ChatMessage.discord(eventType: type, data: value, occurredAt: ChatBody.occurredAt,
                                                  chatbotId: "chatbot_123", dashboardURL: "https://app.example.com/x", isTest: isTest)
                #expect(try receiver.post(discord, to: "/discord") == 204, "Discord refused \(type.name): \(receiver.lastError)")
            }
        }
        let records = receiver.records
        #expect(records.count == cases.count * 4)
        let hostileRecord = try #require(records.last)
        #expect((hostileRecord["payload"] as? [String: Any])?["content"] as? String == "[Test] New ticket: <!channel> @everyone é😀 a/b")
    }

    @Test func theReceiversRefuseWhatTheServicesRefuse() throws {
        let receiver = try ChatReceiver()
        defer { receiver.stop() }
        let refusedBySlack = [
            #"{"blocks":[]}"#, #"{"text":""}"#, #"{"text":"  "}"#,
            #"{"text":"t","blocks":[{"type":"header","text":{"type":"plain_text","text":"\#(String(repeating: "x", count: 151))"}}]}"#,
            #"{"text":"t","blocks":[{"type":"section","fields":[\#(Array(repeating: #"{"type":"mrkdwn","text":"f"}"#, count: 11).joined(separator: ","))]}]}"#,
        ]
        for body in refusedBySlack {
            #expect(try receiver.post(Array(body.utf8), to: "/slack") == 400, "Slack accepted \(body.prefix(80))")
        }
        #expect(receiver.records.first?["error"] as? String == "text is missing or empty")
        let refusedByDiscord = [
            #"{}"#, #"{"content":""}"#, #"{"content":"","embeds":[]}"#,
            #"{"content":"\#(String(repeating: "x", count: 2001))"}"#,
            #"{"embeds":[{"title":"t","fields":[\#(Array(repeating: #"{"name":"n","value":"v"}"#, count: 26).joined(separator: ","))]}]}"#,
            #"{"embeds":[{"description":"\#(String(repeating: "x", count: 4096))","footer":{"text":"\#(String(repeating: "x", count: 2000))"}}]}"#,
        ]
        for body in refusedByDiscord {
            #expect(try receiver.post(Array(body.utf8), to: "/discord") == 400, "Discord accepted \(body.prefix(80))")
        }
    }
}

/// A running chat_receiver.py on a port of the system's choosing; requests are sent with the `curl` tool.
final class ChatReceiver {
    private let process: ChildProcess
    private let folder: URL
    private let port: Int

    init() throws {
        try #require(ExternalProgram.isAvailable("python3"), "python3 is required (apt-get install python3)")
        try #require(ExternalProgram.isAvailable("curl"), "curl is required (apt-get install curl)")
        folder = try ExternalProgram.temporaryFolder()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../IntegrationTests/Receivers/chat_receiver.py").standardized.path
        let portFile = folder.appendingPathComponent("port").path
        process = try ChildProcess("python3", [script, "0", folder.appendingPathComponent("log.jsonl").path, portFile],
                                   standardError: .file(folder.appendingPathComponent("stderr").path))
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                self.port = port
                return
            }
            if let status = process.terminationStatus { throw ChatBodyError("chat_receiver.py exited with \(status)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.kill()
        throw ChatBodyError("chat_receiver.py did not start")
    }

    func stop() {
        process.kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Posts `body` as JSON to `path` and returns the status code answered.
    func post(_ body: [UInt8], to path: String) throws -> Int {
        let file = folder.appendingPathComponent("body.json")
        try Data(body).write(to: file)
        let run = try ChildProcess.run("curl", [
            "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json",
            "--data-binary", "@" + file.path, "http://127.0.0.1:\(port)\(path)",
        ])
        guard run.status == 0, let status = Int(run.stdout) else { throw ChatBodyError("curl failed: \(run.stderr)") }
        return status
    }

    /// What the receiver recorded, one entry per request, oldest first.
    var records: [[String: Any]] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("log.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Why the last request was refused, if it was.
    var lastError: String { records.last?["error"] as? String ?? "" }
}
