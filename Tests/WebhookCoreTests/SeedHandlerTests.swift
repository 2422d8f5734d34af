import Foundation
import Testing
import WebhookCore

/// The seeds' own handler programs (Verifiers/, verbatim) given our bodies in their format: they verify, recognise
/// the event and print what their documents say they print, for the seed's own examples and for canonical events
/// carrying `/`, `é`, emoji, newlines and `</script>`.
@Suite struct SeedHandlerTests {
    /// A body and what the handler must print for it.
    struct Delivery {
        let name: String
        let body: [UInt8]
        let prints: [String]
    }

    static let awkward = "Zoë </script> a/b 😀\nsecond line"

    /// The body of `example` published under its own name, rendered in its format.
    static func seedBody(_ eventName: String) throws -> [UInt8] {
        let example = try #require(SeedExample.all.first { $0.eventName == eventName })
        let type = try #require(EventType.named(eventName))
        let data = EventType.canonicalData(publishedAs: eventName, data: try JSONValue.parse(example.data))
        return try #require(example.format.body(
            eventType: type, data: data.compactJSON,
            context: PayloadFormatBodyTests.context(example.chatbotId, at: example.occurredAt)))
    }

    /// The body of canonical `data` of `type` in `format`, for chatbot `bot_1`.
    static func canonicalBody(_ format: PayloadFormat, _ type: String, _ data: JSONValue) throws -> [UInt8] {
        let eventType = try #require(EventType.named(type))
        return try #require(format.body(eventType: eventType, data: data.compactJSON, context: PayloadFormatBodyTests.context("bot_1")))
    }

    /// Runs `program` (a `run_*_seed` harness and its arguments up to the cases folder) on `deliveries`, each sent
    /// with `headers(body)` to a receiver configured with `secret`; every delivery must be answered 200 and every
    /// expected line printed.
    static func expectHandled(
        _ tool: String, _ program: [String], _ deliveries: [Delivery], secret: String,
        headers: ([UInt8]) -> [(String, String)]
    ) throws {
        try #require(ExternalProgram.isAvailable(tool), "\(tool) is required (apt-get install nodejs python3; pip install flask)")
        let folder = try ExternalProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = deliveries.map {
            ReceiverCase(name: $0.name, headers: [("Content-Type", "application/json")] + headers($0.body), body: $0.body,
                         receiverSecret: secret, shouldAccept: true)
        }
        try ReceiverCase.write(cases, to: folder.appendingPathComponent("cases"))
        let resultsFile = folder.appendingPathComponent("results.json")
        let run = try ExternalProgram.run(
            tool, program + [folder.appendingPathComponent("cases").path, resultsFile.path],
            environment: ["NODE_PATH": ExternalProgram.verifiersFolder.appendingPathComponent("node_shims").path,
                          "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"])
        try #require(run.status == 0, "\(program) failed to run: \(run.standardError)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: resultsFile)) as? [String: Bool])
        for delivery in deliveries {
            #expect(results[delivery.name] == true, "\(delivery.name) refused; log: \(run.standardError)")
            for line in delivery.prints {
                #expect(run.standardError.contains(line), "\(delivery.name): no \"\(line)\" in \(run.standardError)")
            }
        }
    }

    static func script(_ file: String) -> String {
        ExternalProgram.verifiersFolder.appendingPathComponent(file).path
    }

    static let harnesses: [(tool: String, runner: String, suffix: String)] = [
        ("node", "run_express_seed.js", "_node.js"), ("python3", "run_flask_seed.py", "_flask.py"),
    ]

    @Test(arguments: [0, 1])
    func seed000sHandlerLogsTheVisitorsEmailAndTheOutcome(_ harness: Int) throws {
        let (tool, runner, suffix) = Self.harnesses[harness]
        let visitor: JSONValue = ["visitor": ["id": "v1", "email": .string(Self.awkward)]]
        let deliveries = [
            Delivery(name: "seed-visitor", body: try Self.seedBody("visitor_created"), prints: ["New lead: jane@example.com"]),
            Delivery(name: "seed-ended", body: try Self.seedBody("conversation_ended"), prints: ["Conversation ended: lead_captured"]),
            Delivery(name: "canonical-visitor", body: try Self.canonicalBody(.suppabot, "visitor.created", visitor),
                     prints: ["New lead: \(Self.awkward)"]),
        ]
        try Self.expectHandled(tool, [Self.script(runner), Self.script("seed000" + suffix), "/webhook", "SUPPABOT_WEBHOOK_SECRET"],
                               deliveries, secret: "s3cret-000") { _ in [("X-Webhook-Secret", "s3cret-000")] }
    }

    @Test(arguments: [0, 1])
    func seed001sHandlersLogTheMessageTheEscalationAndTheLeadWithItsDashboardURL(_ harness: Int) throws {
        let (tool, runner, suffix) = Self.harnesses[harness]
        let program = { (route: String, variable: String) in [Self.script(runner), Self.script("seed001" + suffix), route, variable] }
        let token: ([UInt8]) -> [(String, String)] = { _ in [("X-WEBHOOK-TOKEN", "abc-leads-xyz")] }
        let question: JSONValue = ["conversation_id": "c1", "sender_type": "visitor", "body": .string(Self.awkward)]
        try Self.expectHandled(tool, program("/webhooks/messages", "SITEGPT_MESSAGE_TOKEN"), [
            Delivery(name: "seed-message", body: try Self.seedBody("ADD_MESSAGE"),
                     prints: ["New message in thread thread_456", "Question: How do I reset my password?",
                              "Answer: To reset your password, click on 'Forgot Password' on the login page."]),
            Delivery(name: "canonical-message", body: try Self.canonicalBody(.sitegpt, "message.created", question),
                     prints: ["New message in thread c1", "Question: \(Self.awkward)"]),
        ], secret: "abc-leads-xyz", headers: token)
        try Self.expectHandled(tool, program("/webhooks/escalations", "SITEGPT_ESCALATION_TOKEN"), [
            Delivery(name: "seed-escalation", body: try Self.seedBody("CONVERSATION_ESCALATED"),
                     prints: ["Escalation from John Doe", "Dashboard URL: https://sitegpt.ai/chatbot_123/chat-history/thread_456"]),
            Delivery(name: "canonical-escalation",
                     body: try Self.canonicalBody(.sitegpt, "conversation.escalated", ["conversation_id": "c/1", "user": .null]),
                     prints: ["Escalation from Anonymous", "Dashboard URL: https://app.example.com/chatbots/bot_1/chat-history/c%2F1"]),
        ], secret: "abc-leads-xyz", headers: token)
        let lead: JSONValue = ["id": "lead_1", "name": .string(Self.awkward), "email": "zoe@example.com", "customFields": ["budget": "5"]]
        try Self.expectHandled(tool, program("/webhooks/leads", "SITEGPT_LEADS_TOKEN"), [
            Delivery(name: "seed-lead", body: try Self.seedBody("NEW_LEAD_CAPTURE"),
                     prints: ["New lead: John Doe (john@example.com)", "Dashboard URL: https://sitegpt.ai/chatbot_123/leads/lead_789"]),
            Delivery(name: "canonical-lead", body: try Self.canonicalBody(.sitegpt, "lead.created", lead),
                     prints: ["New lead: \(Self.awkward) (zoe@example.com)", "Dashboard URL: https://app.example.com/chatbots/bot_1/leads/lead_1"]),
        ], secret: "abc-leads-xyz", headers: token)
    }

    @Test func seed004sFlaskHandlerVerifiesAndLogsTheEvent() throws {
        let secret = try WebhookSecret(validating: "your-webhook-secret", for: .hmacSHA256Prefixed)
        let lead: JSONValue = ["id": "lead_1", "name": .string(Self.awkward)]
        try Self.expectHandled("python3", [Self.script("run_flask_seed.py"), Self.script("seed004_flask.py"), "/webhook", "-"], [
            Delivery(name: "seed-lead", body: try Self.seedBody("LEAD_CREATED"), prints: ["Received event: LEAD_CREATED"]),
            Delivery(name: "canonical-lead", body: try Self.canonicalBody(.pollybot, "lead.created", lead), prints: []),
        ], secret: "your-webhook-secret") { body in
            SignatureScheme.hmacSHA256Prefixed.signatureHeaders(
                deliveryId: "d", timestamp: Date(), body: body, secrets: [secret], headerPrefix: "X-Webhook")
        }
    }

    /// Seed 002's `verifySignature` and seed 003's `verify(req)` (which signs `JSON.stringify(req.body)`) accept
    /// our bodies in their formats, whatever text the event carries.
    @Test(arguments: [PayloadFormat.livechat, .agentbot])
    func seed002And003VerifyOurBodiesInTheirFormats(_ format: PayloadFormat) throws {
        let (seed, scheme, prefix) = format == .livechat
            ? ("seed002", SignatureScheme.hmacSHA256, "X-Webhook") : ("seed003", .timestamped, "X-Agentbot")
        let secret = WebhookSecret.generate()
        let message: JSONValue = [
            "7": "index key", "message_id": 1, "conversation_id": "c1", "sender_type": "agent", "body": .string(Self.awkward),
            "agentName": "Maria \\ \"M\"", "x_custom": ["nested": [.number(1.5), .number(-0.0), .number(1e21)]],
        ]
        var deliveries = [Delivery(name: "canonical-message", body: try Self.canonicalBody(format, "message.created", message), prints: [])]
        if format == .livechat {
            deliveries.append(Delivery(name: "seed-message", body: try Self.seedBody("message.received"), prints: []))
        } else {
            deliveries.append(Delivery(name: "seed-message", body: try Self.seedBody("message.created"), prints: []))
            let ticket: JSONValue = ["ticket_id": "t1", "subject": .string(Self.awkward)]
            deliveries.append(Delivery(name: "canonical-ticket", body: try Self.canonicalBody(format, "ticket.created", ticket), prints: []))
        }
        try Self.expectHandled("node", [Self.script("run_function_seed.mjs"), seed], deliveries, secret: secret.text) { body in
            scheme.signatureHeaders(deliveryId: "d", timestamp: Date(), body: body, secrets: [secret], headerPrefix: prefix)
        }
    }
}
