import Testing
import WebhookCore

/// `EventType.canonicalData(publishedAs:data:)`: the seeds' own examples, published under their own event names,
/// become the catalogue's shape, which validates.
@Suite struct SeedNormalisationTests {
    static func canonical(_ name: String, _ data: String) throws -> String {
        let value = EventType.canonicalData(publishedAs: name, data: try JSONValue.parse(Array(data.utf8)))
        return String(decoding: value.compactJSON, as: UTF8.self)
    }

    @Test(arguments: SeedExample.all)
    func eachSeedExampleIsAcceptedUnderItsOwnName(_ example: SeedExample) throws {
        let type = try #require(EventType.named(example.eventName))
        let data = EventType.canonicalData(publishedAs: example.eventName, data: try JSONValue.parse(example.data))
        #expect(throws: Never.self) { try EventType.validate(data: data.compactJSON, for: type) }
    }

    @Test func sitegptsLeadIsLiftedOutOfLeadDetailsWithItsCustomFields() throws {
        let data = #"{"chatbotId":"chatbot_123","chatbotName":"Support Bot","dashboardUrl":"https://sitegpt.ai/chatbot_123/leads/lead_789","leadDetails":{"id":"lead_789","name":"John Doe","email":"john@example.com","phone":"+1234567890","capturedAt":"2024-01-15T10:30:00Z","budget":"10000"}}"#
        #expect(try Self.canonical("NEW_LEAD_CAPTURE", data)
                == #"{"id":"lead_789","name":"John Doe","email":"john@example.com","phone":"+1234567890","customFields":{"budget":"10000"},"chatbotName":"Support Bot","dashboardUrl":"https://sitegpt.ai/chatbot_123/leads/lead_789","createdAt":"2024-01-15T10:30:00Z"}"#)
    }

    @Test func sitegptsQuestionAndAnswerBecomeOneMessageWithItsSender() throws {
        let answered = #"{"chatbotId":"c","threadId":"t","question":"Q?","answer":"A.","messageType":"NORMAL_MESSAGE","agentId":null}"#
        #expect(try Self.canonical("ADD_MESSAGE", answered)
                == #"{"conversation_id":"t","sender_type":"ai","body":"A.","inReplyTo":"Q?","messageType":"NORMAL_MESSAGE","agentId":null}"#)
        #expect(try Self.canonical("ADD_MESSAGE", #"{"threadId":"t","question":"Q?","answer":null}"#)
                == #"{"conversation_id":"t","sender_type":"visitor","body":"Q?"}"#)
        #expect(try Self.canonical("ADD_MESSAGE", #"{"threadId":"t","question":null,"answer":"Hi","agentId":"a1","agentName":"Maria"}"#)
                == #"{"conversation_id":"t","sender_type":"agent","body":"Hi","inReplyTo":null,"agentId":"a1","agentName":"Maria"}"#)
    }

    @Test func seed001sCurlTestMessageIsAccepted() throws {
        let data = #"{"chatbotId":"test_123","threadId":"test_thread","question":"Test question","answer":"Test answer","messageType":"NORMAL_MESSAGE"}"#
        let canonical = EventType.canonicalData(publishedAs: "ADD_MESSAGE", data: try JSONValue.parse(Array(data.utf8)))
        #expect(throws: Never.self) { try EventType.validate(data: canonical.compactJSON, for: try #require(EventType.named("ADD_MESSAGE"))) }
    }

    @Test func livechatsAdminMessageKeepsItsAuthor() throws {
        #expect(try Self.canonical("message.received", #"{"message_id":1,"content":"Hi","is_from_admin":true,"admin_name":"Maria","conversation_id":2}"#)
                == #"{"message_id":1,"conversation_id":2,"sender_type":"agent","body":"Hi","agentName":"Maria"}"#)
    }

    @Test func pollybotsChatbotIdIsTheEnvelopesNotTheLeads() throws {
        #expect(try Self.canonical("LEAD_CREATED", #"{"id":"lead_123","name":"John Doe","chatbotId":"bot_456"}"#)
                == #"{"id":"lead_123","name":"John Doe"}"#)
    }

    @Test func sitegptsEscalationNamesTheConversation() throws {
        #expect(try Self.canonical("CONVERSATION_ESCALATED", #"{"chatbotId":"c","threadId":"t","user":null}"#)
                == #"{"conversation_id":"t","user":null}"#)
    }

    @Test func agentbotsClosingBecomesTheConversationThatEnded() throws {
        #expect(try Self.canonical("conversation.closed", #"{"conversation_id":"c","status":"closed","closed_at":"2026-05-17T12:40:00Z","closed_by":null}"#)
                == #"{"conversation":{"id":"c","endedAt":"2026-05-17T12:40:00Z","outcome":"resolved"},"closed_by":null}"#)
    }

    @Test func canonicalNamesAndDataThatIsNotAnObjectPassThroughUnchanged() throws {
        let union = #"{"message_id":"m","conversation_id":"c","content":"x","threadId":"c","chatbotId":"b"}"#
        #expect(try Self.canonical("message.created", union) == union)
        #expect(try Self.canonical("lead.created", #"{"id":"l","chatbotId":"b","leadDetails":{"id":"l"}}"#)
                == #"{"id":"l","chatbotId":"b","leadDetails":{"id":"l"}}"#)
        #expect(EventType.canonicalData(publishedAs: "NEW_LEAD_CAPTURE", data: .array([])) == .array([]))
    }
}
