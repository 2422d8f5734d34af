import Foundation
import Testing
import WebhookCore

/// `PayloadFormat.body(eventType:data:context:)`: each seed format's body is its document's wire contract.
@Suite struct PayloadFormatBodyTests {
    static func context(_ chatbotId: String = "3c9e1f7a-2b5d-4e8c-a1f6-9d0b7e4c2a58", at date: Date = SeedExample.at("2025-01-15T10:30:00Z"),
                        dashboard: String? = "https://app.example.com/chatbots") -> PayloadContext {
        PayloadContext(deliveryId: "0b8f2c1e-6a4d-4f3b-9e2a-7c5d1f0a3b4e", chatbotId: chatbotId, occurredAt: date,
                       dashboardURL: dashboard, isTest: false)
    }

    static func body(_ format: PayloadFormat, _ type: String, _ data: String, _ context: PayloadContext = context()) throws -> [UInt8] {
        let eventType = try #require(EventType.named(type))
        return try #require(format.body(eventType: eventType, data: try DeliveryEnvelope.canonicalData(Array(data.utf8)), context: context))
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    // MARK: The seeds' own examples, round trip

    /// A seed's example, published under its own event name, reaches a receiver of that seed's format as the
    /// document prints it (seed 001's bodies also carry the top-level chatbotId its "Validate payloads" checks).
    @Test(arguments: SeedExample.all)
    func aSeedsExamplePublishedUnderItsNameIsDeliveredAsItsDocumentShowsIt(_ example: SeedExample) throws {
        let type = try #require(EventType.named(example.eventName))
        #expect(type.name == example.type)
        let canonical = EventType.canonicalData(publishedAs: example.eventName, data: try JSONValue.parse(example.data))
        #expect(throws: Never.self) { try EventType.validate(data: canonical.compactJSON, for: type) }
        let body = try #require(example.format.body(
            eventType: type, data: canonical.compactJSON, context: Self.context(example.chatbotId, at: example.occurredAt)))
        var expected = example.documentBytes
        if example.format == .sitegpt {
            expected.removeLast()
            expected += Array(#","chatbotId":"\#(example.chatbotId)"}"#.utf8)
        }
        #expect(Self.text(body) == Self.text(expected))
    }

    // MARK: Standard

    @Test func standardIsTodaysEnvelopeByteForByte() throws {
        let data = #"{"id":"lead_1","name":"Zoë </script>","note":"a/b\n😀"}"#
        let context = Self.context()
        let body = try Self.body(.standard, "lead.created", data, context)
        let today = DeliveryEnvelope.body(deliveryId: context.deliveryId, eventType: "lead.created", timestamp: context.occurredAt,
                                          chatbotId: context.chatbotId, dataJSON: try DeliveryEnvelope.canonicalData(Array(data.utf8)))
        #expect(body == today)
        #expect(Self.text(body) == #"{"id":"0b8f2c1e-6a4d-4f3b-9e2a-7c5d1f0a3b4e","event":"lead.created","timestamp":"2025-01-15T10:30:00.000Z","chatbotId":"3c9e1f7a-2b5d-4e8c-a1f6-9d0b7e4c2a58","data":{"id":"lead_1","name":"Zoë </script>","note":"a/b\n😀"}}"#)
    }

    @Test func standardKeepsAProducersDataVerbatimWhateverItsShape() throws {
        let data = #"{"message_id":"m","conversation_id":"c","content":"hi","threadId":"c"}"#
        let body = Self.text(try Self.body(.standard, "message.created", data))
        #expect(body.hasSuffix(#","data":\#(data)}"#))
    }

    // MARK: Envelopes and timestamps

    @Test func eachSeedFormatWritesItsEnvelopeMembersInItsDocumentsOrder() throws {
        let at = Date(timeIntervalSince1970: 1_779_021_296.789) // 2026-05-17T12:34:56.789Z
        let context = Self.context("bot_1", at: at)
        #expect(Self.text(try Self.body(.suppabot, "visitor.created", #"{"visitor":{"id":"v"}}"#, context))
                == #"{"event":"visitor_created","timestamp":"2026-05-17T12:34:56.789Z","websiteId":"bot_1","data":{"visitor":{"id":"v"}}}"#)
        #expect(Self.text(try Self.body(.agentbot, "ticket.created", #"{"ticket_id":"t"}"#, context))
                == #"{"event":"ticket.created","timestamp":"2026-05-17T12:34:56Z","site_id":"bot_1","data":{"ticket_id":"t"}}"#)
        #expect(Self.text(try Self.body(.livechat, "conversation.started", #"{"conversation_id":"c"}"#, context))
                == #"{"event":"conversation.started","timestamp":"2026-05-17T12:34:56+00:00","data":{"conversation_id":"c","visitor_name":null,"visitor_email":null,"visitor_phone":null,"visitor_ip":null,"current_url":null,"status":"open","created_at":"2026-05-17T12:34:56+00:00"}}"#)
        #expect(Self.text(try Self.body(.pollybot, "lead.created", #"{"id":"l"}"#, context))
                == #"{"event":"LEAD_CREATED","timestamp":1779021296,"data":{"id":"l","name":null,"email":null,"phone":null,"chatbotId":"bot_1","createdAt":"2026-05-17T12:34:56.789Z","updatedAt":"2026-05-17T12:34:56.789Z"},"chatbotId":"bot_1"}"#)
        #expect(Self.text(try Self.body(.sitegpt, "lead.created", #"{"id":"l"}"#, context))
                == #"{"event":"NEW_LEAD_CAPTURE","data":{"chatbotId":"bot_1","chatbotName":null,"dashboardUrl":"https://app.example.com/chatbots/bot_1/leads/l","leadDetails":{"id":"l","name":null,"email":null,"phone":null,"capturedAt":"2026-05-17T12:34:56Z"}},"chatbotId":"bot_1"}"#)
    }

    @Test func aTypeTheFormatHasNoNameForHasNoBody() throws {
        let type = try #require(EventType.named("lead.created"))
        #expect(PayloadFormat.suppabot.body(eventType: type, data: Array(#"{"id":"l"}"#.utf8), context: Self.context()) == nil)
        #expect(PayloadFormat.livechat.body(eventType: type, data: Array(#"{"id":"l"}"#.utf8), context: Self.context()) == nil)
    }

    // MARK: Data derived from the canonical shape

    @Test func aCanonicalLeadReachesSitegptAsLeadDetailsWithItsCustomFieldsAsMembers() throws {
        let lead = #"{"id":"lead_9","name":"Zoë","email":"z@example.com","phone":null,"company":"Acme","customFields":{"budget":"10000","timeline":"Q1"},"chatbotName":"Bot","createdAt":"2024-01-15T10:30:00.000Z","crm_ref":"x1"}"#
        let body = Self.text(try Self.body(.sitegpt, "lead.created", lead, Self.context("bot_1")))
        #expect(body == #"{"event":"NEW_LEAD_CAPTURE","data":{"chatbotId":"bot_1","chatbotName":"Bot","dashboardUrl":"https://app.example.com/chatbots/bot_1/leads/lead_9","leadDetails":{"id":"lead_9","name":"Zoë","email":"z@example.com","phone":null,"capturedAt":"2024-01-15T10:30:00.000Z","budget":"10000","timeline":"Q1"},"crm_ref":"x1"},"chatbotId":"bot_1"}"#)
    }

    @Test func theSameLeadReachesPollybotFlatWithItsChatbotIdInDataAndAtTheTop() throws {
        let lead = #"{"id":"lead_9","name":"Zoë","company":"Acme","customFields":{"budget":"10000"},"chatbotName":"Bot","dashboardUrl":"https://x.example/l","createdAt":"2024-01-15T10:30:00.000Z","crm_ref":"x1"}"#
        let body = Self.text(try Self.body(.pollybot, "lead.created", lead, Self.context("bot_1", at: Date(timeIntervalSince1970: 1_699_123_456))))
        #expect(body == #"{"event":"LEAD_CREATED","timestamp":1699123456,"data":{"id":"lead_9","name":"Zoë","email":null,"phone":null,"company":"Acme","customFields":{"budget":"10000"},"chatbotId":"bot_1","createdAt":"2024-01-15T10:30:00.000Z","updatedAt":"2024-01-15T10:30:00.000Z","crm_ref":"x1"},"chatbotId":"bot_1"}"#)
    }

    @Test func aProducersDashboardUrlWinsAndWithoutOneOrADashboardItIsNull() throws {
        let given = Self.text(try Self.body(.sitegpt, "conversation.escalated", #"{"conversation_id":"c/1","dashboardUrl":"https://mine.example/c"}"#))
        #expect(given.contains(#""dashboardUrl":"https://mine.example/c""#))
        let built = Self.text(try Self.body(.sitegpt, "conversation.escalated", #"{"conversation_id":"c/1 é"}"#, Self.context("bot_1", dashboard: "https://dash.example/")))
        #expect(built == #"{"event":"CONVERSATION_ESCALATED","data":{"chatbotId":"bot_1","threadId":"c/1 é","dashboardUrl":"https://dash.example/bot_1/chat-history/c%2F1%20%C3%A9","user":null},"chatbotId":"bot_1"}"#)
        let none = Self.text(try Self.body(.sitegpt, "conversation.escalated", #"{"conversation_id":"c"}"#, Self.context(dashboard: nil)))
        #expect(none.contains(#""dashboardUrl":null"#))
    }

    @Test func oneMessageIsEachSeedsQuestionAnswerContentOrBody() throws {
        let answer = #"{"message_id":"m2","conversation_id":"c1","sender_type":"agent","body":"Yes.","inReplyTo":"Any discount?","agentId":"a1","agentName":"Maria","visitor_name":"Jo"}"#
        #expect(Self.text(try Self.body(.sitegpt, "message.created", answer, Self.context("bot_1")))
                == #"{"event":"ADD_MESSAGE","data":{"chatbotId":"bot_1","threadId":"c1","gptModel":null,"sources":[],"question":"Any discount?","answer":"Yes.","messageType":"NORMAL_MESSAGE","agentId":"a1","iconUrl":null,"agentName":"Maria","systemMessageType":null},"chatbotId":"bot_1"}"#)
        #expect(Self.text(try Self.body(.livechat, "message.created", answer))
                == #"{"event":"message.received","timestamp":"2025-01-15T10:30:00+00:00","data":{"message_id":"m2","content":"Yes.","is_from_admin":true,"admin_name":"Maria","conversation_id":"c1","visitor_name":"Jo","visitor_email":null,"visitor_phone":null,"visitor_ip":null,"current_url":null,"status":null,"created_at":"2025-01-15T10:30:00+00:00"}}"#)
        #expect(Self.text(try Self.body(.agentbot, "message.created", answer, Self.context("site_1")))
                == #"{"event":"message.created","timestamp":"2025-01-15T10:30:00Z","site_id":"site_1","data":{"conversation_id":"c1","message_id":"m2","sender_type":"agent","body":"Yes.","visitor_email":null,"visitor_name":"Jo"}}"#)
        let question = #"{"conversation_id":"c1","sender_type":"visitor","body":"Any discount?"}"#
        let asked = Self.text(try Self.body(.sitegpt, "message.created", question))
        #expect(asked.contains(#""question":"Any discount?","answer":null"#))
    }

    @Test func agentbotReceivesAClosedConversationAndAHandoffInItsStyle() throws {
        let ended = #"{"conversation":{"id":"conv_1","endedAt":"2026-05-17T12:40:00.000Z","outcome":"resolved"},"closed_by":{"type":"agent","id":"a1","name":"Maria"}}"#
        #expect(Self.text(try Self.body(.agentbot, "conversation.ended", ended, Self.context("site_1")))
                == #"{"event":"conversation.closed","timestamp":"2025-01-15T10:30:00Z","site_id":"site_1","data":{"conversation_id":"conv_1","status":"closed","closed_at":"2026-05-17T12:40:00.000Z","closed_by":{"type":"agent","id":"a1","name":"Maria"}}}"#)
        #expect(Self.text(try Self.body(.suppabot, "conversation.ended", ended, Self.context("web_1")))
                == #"{"event":"conversation_ended","timestamp":"2025-01-15T10:30:00.000Z","websiteId":"web_1","data":{"conversation":{"id":"conv_1","endedAt":"2026-05-17T12:40:00.000Z","outcome":"resolved"}}}"#)
        let escalated = #"{"conversation_id":"c1","reason":"asked","user":{"id":"u","name":"Jo","email":"jo@example.com"}}"#
        #expect(Self.text(try Self.body(.agentbot, "conversation.escalated", escalated, Self.context("site_1")))
                == #"{"event":"conversation.needs_human","timestamp":"2025-01-15T10:30:00Z","site_id":"site_1","data":{"conversation_id":"c1","reason":"asked","visitor_email":"jo@example.com","visitor_name":"Jo"}}"#)
    }

    @Test func membersAProducerAddedPassThroughEveryFormatInJavaScriptsOrder() throws {
        let data = #"{"conversation_id":"c","body":"hi","x_custom":{"a":1},"7":"seven"}"#
        for format in [PayloadFormat.sitegpt, .livechat, .agentbot] {
            let body = try Self.body(format, "message.created", data)
            let members = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
            let rendered = try #require(members["data"] as? [String: Any])
            #expect(rendered["x_custom"] as? [String: Int] == ["a": 1], "\(format)")
            #expect(rendered["7"] as? String == "seven", "\(format)")
            #expect(Self.text(body).contains(#""data":{"7":"seven","#), "\(format)")
            #expect(try DeliveryEnvelope.canonicalData(body) == body, "\(format)")
        }
    }

    // MARK: Every format, every type it sends

    static let awkward = "Zoë: a/b </script>\néé 😀 \"q\" \\ \u{1}"

    /// Every body of every type in every format is compact JSON equal to `JSON.stringify(JSON.parse(body))`
    /// (checked by Node itself) and keeps `/`, `é`, emoji, newlines and `</script>` as they were sent.
    @Test func everyBodyIsWhatJSONStringifyWritesAndKeepsTheTextAsSent() throws {
        var inputs: [String: [UInt8]] = [:]
        for type in EventType.catalogue {
            var data = try JSONValue.parse(Array(type.example.utf8))
            data = Self.replacingStrings(data)
            for format in PayloadFormat.allCases {
                guard let body = format.body(eventType: type, data: data.compactJSON, context: Self.context()) else { continue }
                #expect(try DeliveryEnvelope.canonicalData(body) == body, "\(format) \(type.name)")
                if ![PayloadFormat.slack, .discord].contains(format) {
                    #expect(Self.text(body).contains("Zoë: a/b </script>\\néé 😀 \\\"q\\\" \\\\ \\u0001"), "\(format) \(type.name)")
                }
                inputs["\(format.rawValue)-\(type.name)"] = body
            }
        }
        let node = try NodeJSON.stringifyParsed(inputs)
        for (name, body) in inputs {
            #expect(node[name] == .some(body), "\(name)")
        }
    }

    /// `value` with every string member of every object replaced by ``awkward`` (enum and date members too: the
    /// bodies are written whatever the producer sent).
    static func replacingStrings(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { JSONValue.Member(key: $0.key, value: replacingStrings($0.value)) })
        case .array(let elements): .array(elements.map(replacingStrings))
        case .string: .string(awkward)
        default: value
        }
    }
}
