import Foundation
import Testing
import TestSupport

/// Each seed document's complete example program, run as written, set up as its document tells its user and fed by
/// real deliveries from `webhooksd serve` in that seed's payload format: it verifies them, recognises each event and
/// prints what its document says it prints, for the seed's own example events (published as the document shows
/// them, under the seed's event names) and for canonical events whose data holds `/`, `é`, an emoji, a newline and
/// `</script>`.
@Suite struct SeedFormatDeliveryTests {
    static let dashboard = "https://dash.example.com"
    static let awkward = "Zoë </script> 😀 / é\nline two"

    /// Seed 000: the dashboard's website settings take an endpoint URL and an optional secret (the `all` slot) for
    /// the Flask program; the Express program's webhook is created through the API with `payloadFormat: suppabot`.
    @Test func seed000sProgramsRecogniseTheirEventsFromTheSettingsFormAndTheAPI() throws {
        let flask = LiveReceiver.seed000Flask, express = LiveReceiver.seed000Express
        try Tools.requireAll(for: [flask, express])
        let api = try DemoAPI(try RunningService(extra: ["WEBHOOKS_DASHBOARD_URL": Self.dashboard]))
        let flaskPort = try ServiceProcess.freePort()
        let saved = try api.service.request("PATCH", "/api/v1/chatbots/\(api.chatbotId)/webhook-settings", token: api.session,
                                            json: ["all": ["url": "http://127.0.0.1:\(flaskPort)/webhook", "secret": flask.secret ?? ""]])
        try #require(saved.status == 200, "settings: \(saved.text)")
        let flaskProcess = try LiveReceiverProcess(flask, port: flaskPort, secret: flask.secret ?? "")
        let expressProcess = try start(express, api: api, body: ["payloadFormat": "suppabot", "eventTypes": ["*"]])
        try [flaskProcess, expressProcess].forEach { try $0.waitUntilListening() }

        #expect(try api.publishExample("seed000-visitor_created.json") == 2)
        #expect(try api.publishExample("seed000-conversation_ended.json") == 2)
        #expect(try api.publish(type: "visitor.created", data: ["visitor": ["id": "vis_1", "name": Self.awkward,
                                                                         "email": "zoe@example.com"]]) == 2)
        // Seed 000's format has no name for a lead: nothing is sent.
        #expect(try api.publish(type: "lead.created", data: ["id": "lead_1"]) == 0)
        for process in [flaskProcess, expressProcess] {
            let records = try verified(3, at: process)
            #expect(events(records) == ["conversation_ended", "visitor_created", "visitor_created"])
            #expect(records.allSatisfy { $0.payload?["websiteId"] as? String == api.chatbotId })
            #expect(records.allSatisfy { $0.headers["x-webhook-secret"] == flask.secret || $0.headers["x-webhook-secret"] == express.secret })
            let visitors = records.compactMap { ($0.payload?["data"] as? [String: Any])?["visitor"] as? [String: Any] }
            #expect(visitors.contains { $0["name"] as? String == Self.awkward })
            let output = process.fullOutput
            #expect(output.contains("New lead: jane@example.com"), "\(output)")
            #expect(output.contains("Conversation ended: lead_captured"), "\(output)")
            #expect(output.contains("New lead: zoe@example.com"), "\(output)")
        }
    }

    /// Seed 001: a URL and a token for messages, escalations and leads, through the settings form for the Flask
    /// program and as three `sitegpt` webhooks for the Express one; each route checks its own token.
    @Test func seed001sProgramsRecogniseMessagesEscalationsAndLeadsOnTheirThreeRoutes() throws {
        // The form takes the document's own example tokens; the API's webhooks, 16 characters at least.
        let tokens = ["messages": "abc-messages-xyz", "escalations": "abc-escalations-xyz", "leads": "abc-leads-xyz"]
        let apiTokens = tokens.mapValues { $0 + "-from-the-api" }
        func environment(_ tokens: [String: String]) -> [String: String] {
            ["SITEGPT_MESSAGE_TOKEN": tokens["messages"] ?? "", "SITEGPT_ESCALATION_TOKEN": tokens["escalations"] ?? "",
             "SITEGPT_LEADS_TOKEN": tokens["leads"] ?? ""]
        }
        let flask = LiveReceiver.seed001Flask, express = LiveReceiver.seed001Express
        try Tools.requireAll(for: [flask, express])
        let api = try DemoAPI(try RunningService(extra: ["WEBHOOKS_DASHBOARD_URL": Self.dashboard]))
        let flaskPort = try ServiceProcess.freePort(), expressPort = try ServiceProcess.freePort()
        var form: [String: Any] = [:]
        for (slot, token) in tokens { form[slot] = ["url": "http://127.0.0.1:\(flaskPort)/webhooks/\(slot)", "token": token] }
        let saved = try api.service.request("PATCH", "/api/v1/chatbots/\(api.chatbotId)/webhook-settings", token: api.session, json: form)
        try #require(saved.status == 200, "settings: \(saved.text)")
        for (slot, event) in [("messages", "ADD_MESSAGE"), ("escalations", "CONVERSATION_ESCALATED"), ("leads", "NEW_LEAD_CAPTURE")] {
            let created = try api.service.request("POST", "/api/v1/chatbots/\(api.chatbotId)/webhooks", token: api.session, json: [
                "url": "http://127.0.0.1:\(expressPort)/webhooks/\(slot)", "eventTypes": [event], "secret": apiTokens[slot] ?? "",
                "maxRetries": 0,
            ])
            try #require(created.status == 201, "create \(slot): \(created.text)")
            #expect((created.json?["webhook"] as? [String: Any])?["payloadFormat"] as? String == "sitegpt")
        }
        let processes = [try LiveReceiverProcess(flask, port: flaskPort, secret: "", extra: environment(tokens)),
                         try LiveReceiverProcess(express, port: expressPort, secret: "", extra: environment(apiTokens))]
        try processes.forEach { try $0.waitUntilListening() }

        #expect(try api.publishExample("seed001-ADD_MESSAGE.json") == 2)
        #expect(try api.publishExample("seed001-CONVERSATION_ESCALATED.json") == 2)
        #expect(try api.publishExample("seed001-NEW_LEAD_CAPTURE.json") == 2)
        #expect(try api.publish(type: "lead.created", data: ["id": "lead_42", "name": Self.awkward, "email": "zoe@example.com"]) == 2)
        for process in processes {
            let records = try verified(4, at: process)
            #expect(events(records) == ["ADD_MESSAGE", "CONVERSATION_ESCALATED", "NEW_LEAD_CAPTURE", "NEW_LEAD_CAPTURE"])
            #expect(records.allSatisfy { $0.payload?["chatbotId"] as? String == api.chatbotId })
            let output = process.fullOutput
            for line in ["New message in thread thread_456", "Question: How do I reset my password?",
                         "Answer: To reset your password, click on 'Forgot Password' on the login page.",
                         "Escalation from John Doe", "Dashboard URL: https://sitegpt.ai/chatbot_123/chat-history/thread_456",
                         "New lead: John Doe (john@example.com)", "Dashboard URL: https://sitegpt.ai/chatbot_123/leads/lead_789",
                         "New lead: \(Self.awkward) (zoe@example.com)",
                         "Dashboard URL: \(Self.dashboard)/\(api.chatbotId)/leads/lead_42"] {
                #expect(output.contains(line), "\(process.definition.name) did not print \(line): \(output)")
            }
        }
    }

    /// Seed 004: its own create body, which names no format or scheme, gets `LEAD_CREATED` signed as its code reads.
    @Test func seed004sProgramsVerifyLeadCreatedFromTheirOwnCreateBody() throws {
        let flask = LiveReceiver.seed004Flask, express = LiveReceiver.seed004Express
        try Tools.requireAll(for: [flask, express])
        let api = try DemoAPI(try RunningService())
        let webhooks = try [flask, express].map { receiver in
            try started(receiver, api: api, body: ["name": "Lead Notifications", "eventTypes": ["LEAD_CREATED"],
                                                   "maxRetries": 3, "retryDelay": 1000])
        }
        let processes = webhooks.map(\.process)
        try processes.forEach { try $0.waitUntilListening() }
        #expect(try api.publishExample("seed004-LEAD_CREATED.json") == 2)
        #expect(try api.publish(type: "lead.created", data: ["id": "lead_42", "name": Self.awkward, "email": "zoe@example.com"]) == 2)
        for process in processes {
            let records = try verified(2, at: process)
            #expect(events(records) == ["LEAD_CREATED", "LEAD_CREATED"])
            #expect(records.allSatisfy { $0.payload?["chatbotId"] as? String == api.chatbotId && $0.payload?["timestamp"] is Int })
            #expect(records.allSatisfy { $0.headers["x-webhook-signature"]?.hasPrefix("sha256=") == true })
            #expect(records.contains { ($0.payload?["data"] as? [String: Any])?["name"] as? String == Self.awkward })
        }
        // A test send, which seed 004's format has no `webhook.test` for, is a LEAD_CREATED its program handles.
        let test = try api.service.request("POST", api.webhookPath(webhooks[0].webhookId) + "/test", token: api.session)
        #expect(test.json?["success"] as? Bool == true, "\(test.text)")
        let sent = try verified(3, at: processes[0])
        #expect(sent.filter { $0.headers["x-webhook-test"] == "true" }.count == 1)
        let printed = processes[0].fullOutput.components(separatedBy: "Received event: LEAD_CREATED").count - 1
        #expect(printed == 3, "\(processes[0].fullOutput)")
    }

    /// Seeds 002 and 003 give verification functions, not programs: they verify `livechat` and `agentbot`
    /// deliveries of their own examples and of a canonical message, under their documents' header names.
    @Test func seed002sAndSeed003sVerifiersAcceptLivechatAndAgentbotDeliveries() throws {
        let livechat = LiveReceiver.seed002Function, agentbot = LiveReceiver.seed003Function
        try Tools.requireAll(for: [livechat, agentbot])
        let api = try DemoAPI(try RunningService(extra: ["WEBHOOKS_HEADER_PREFIX": "X-Acme"]))
        let livechatProcess = try start(livechat, api: api, body: ["payloadFormat": "livechat",
                                                                   "eventTypes": ["message.received", "conversation.started"]])
        let agentbotProcess = try start(agentbot, api: api, body: ["payloadFormat": "agentbot", "eventTypes": ["message.created"]])
        try [livechatProcess, agentbotProcess].forEach { try $0.waitUntilListening() }

        #expect(try api.publishExample("seed002-message.received.json") == 2)
        #expect(try api.publishExample("seed002-conversation.started.json") == 1)
        #expect(try api.publishExample("seed003-message.created.json") == 2)
        #expect(try api.publish(type: "message.created", data: ["conversation_id": "conv_1", "sender_type": "visitor",
                                                               "body": Self.awkward]) == 2)
        let chats = try verified(4, at: livechatProcess)
        #expect(events(chats) == ["conversation.started", "message.received", "message.received", "message.received"])
        #expect(chats.allSatisfy { $0.headers["x-webhook-event"] == $0.payload?["event"] as? String })
        #expect(chats.contains { ($0.payload?["data"] as? [String: Any])?["content"] as? String == Self.awkward })
        let agents = try verified(3, at: agentbotProcess)
        #expect(agents.allSatisfy { $0.payload?["event"] as? String == "message.created" && $0.payload?["site_id"] as? String == api.chatbotId })
        #expect(agents.allSatisfy { $0.headers["x-agentbot-event"] == "message.created" && $0.headers["x-agentbot-delivery-id"] != nil })
        #expect(agents.contains { ($0.payload?["data"] as? [String: Any])?["body"] as? String == Self.awkward })
    }

    /// Slack's and Discord's incoming webhooks, as a stand-in that refuses what they refuse, accept our messages.
    @Test func slackAndDiscordIncomingWebhooksAcceptTheChatMessages() throws {
        let api = try DemoAPI(try RunningService(extra: ["WEBHOOKS_DASHBOARD_URL": Self.dashboard]))
        let port = try ServiceProcess.freePort()
        let chat = LiveReceiver(name: "chat receiver", scheme: "standard", tool: "python3",
                                harness: [LiveReceiver.harnessFolder.appendingPathComponent("chat_receiver.py").path],
                                route: "/", secretVariable: nil, secret: nil)
        let process = try LiveReceiverProcess(chat, port: port, secret: "")
        for target in ["slack", "discord"] {
            let created = try api.service.request("POST", "/api/v1/chatbots/\(api.chatbotId)/webhooks", token: api.session, json: [
                "url": "http://127.0.0.1:\(port)/\(target)/T000/B000", "eventTypes": ["lead.*", "conversation.escalated"],
                "payloadFormat": target, "maxRetries": 0,
            ])
            try #require(created.status == 201, "create \(target): \(created.text)")
        }
        try process.waitUntilListening()
        #expect(try api.publish(type: "lead.created", data: ["id": "lead_42", "name": Self.awkward, "email": "zoe@example.com",
                                                            "message": "@everyone <!channel> look"]) == 2)
        #expect(try api.publishExample("seed001-CONVERSATION_ESCALATED.json") == 2)
        let deadline = Date().addingTimeInterval(20)
        var records: [[String: Any]] = []
        while records.count < 4 && Date() < deadline {
            records = process.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(records.count == 4, "\(process.fullOutput)")
        for record in records {
            #expect(record["error"] is NSNull, "\(record)")
            #expect([200, 204].contains(record["status"] as? Int ?? 0), "\(record)")
            #expect((record["body"] as? String)?.contains("Zoë") == true || (record["body"] as? String)?.contains("John Doe") == true)
        }
    }

    /// Creates a webhook of `body` (plus the receiver's URL, secret and no retries) and starts the receiver with
    /// the webhook's secret; does not wait for it to listen.
    func start(_ receiver: LiveReceiver, api: DemoAPI, body extra: [String: Any]) throws -> LiveReceiverProcess {
        try started(receiver, api: api, body: extra).process
    }

    /// ``start(_:api:body:)``, with the webhook's id.
    func started(_ receiver: LiveReceiver, api: DemoAPI,
                 body extra: [String: Any]) throws -> (process: LiveReceiverProcess, webhookId: String) {
        let port = try ServiceProcess.freePort()
        var body: [String: Any] = ["url": "http://127.0.0.1:\(port)\(receiver.route)", "maxRetries": 0]
        if let secret = receiver.secret { body["secret"] = secret }
        body.merge(extra) { $1 }
        let created = try api.service.request("POST", "/api/v1/chatbots/\(api.chatbotId)/webhooks", token: api.session, json: body)
        try #require(created.status == 201, "create \(receiver.name): \(created.text)")
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let secret = try #require(receiver.secret ?? webhook["secret"] as? String)
        return (try LiveReceiverProcess(receiver, port: port, secret: secret), try #require(webhook["id"] as? String))
    }

    /// The event names of `records`, sorted: deliveries of separate events may arrive in either order.
    func events(_ records: [ReceivedRequest]) -> [String] {
        records.compactMap { $0.payload?["event"] as? String }.sorted()
    }

    /// Waits (up to 20 s) for `count` deliveries at the receiver, and expects each verified.
    func verified(_ count: Int, at process: LiveReceiverProcess) throws -> [ReceivedRequest] {
        let deadline = Date().addingTimeInterval(20)
        var records: [ReceivedRequest] = []
        repeat {
            records = process.records.filter { $0.deliveryId != nil }
            if records.count >= count { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        #expect(records.count == count, "\(process.definition.name): \(records.count) deliveries; its output: \(process.output)")
        for record in records {
            #expect(record.verdict == "verified", "\(process.definition.name) answered \(record.status): \(process.output)")
        }
        return records
    }
}

extension DemoAPI {
    /// Publishes a seed document's example as it is: its `data` under its event name. Returns the deliveries queued.
    func publishExample(_ file: String) throws -> Int? {
        let url = LiveReceiver.verifiersFolder.appendingPathComponent("examples/\(file)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try publish(type: try #require(document["event"] as? String), data: try #require(document["data"]))
    }

    /// Publishes `data` under `type` with the API key; returns the deliveries queued.
    func publish(type: String, data: Any) throws -> Int? {
        let published = try service.request("POST", "/api/v1/chatbots/\(chatbotId)/events", token: apiKey,
                                            json: ["type": type, "data": data])
        #expect(published.status == 202, "publish \(type): \(published.text)")
        return published.json?["deliveriesQueued"] as? Int
    }
}
