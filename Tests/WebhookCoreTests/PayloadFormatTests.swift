import Foundation
import Testing
import WebhookCore

@Suite struct PayloadFormatTests {
    @Test func eachSeedFormatNamesTheEventsItsDocumentLists() {
        #expect(PayloadFormat.suppabot.eventTypes.map(\.name) == ["visitor.created", "conversation.ended"])
        #expect(PayloadFormat.suppabot.eventName(for: "visitor.created") == "visitor_created")
        #expect(PayloadFormat.sitegpt.eventName(for: "lead.created") == "NEW_LEAD_CAPTURE")
        #expect(PayloadFormat.sitegpt.eventName(for: "message.created") == "ADD_MESSAGE")
        #expect(PayloadFormat.sitegpt.eventName(for: "conversation.escalated") == "CONVERSATION_ESCALATED")
        #expect(PayloadFormat.livechat.eventName(for: "message.created") == "message.received")
        #expect(PayloadFormat.agentbot.eventName(for: "conversation.escalated") == "conversation.needs_human")
        #expect(PayloadFormat.pollybot.eventName(for: "lead.created") == "LEAD_CREATED")
    }

    @Test func aTypeAFormatHasNoNameForIsNotSent() {
        #expect(PayloadFormat.suppabot.eventName(for: "lead.created") == nil)
        #expect(PayloadFormat.pollybot.eventName(for: "message.created") == nil)
        #expect(PayloadFormat.livechat.eventName(for: "webhook.test") == nil)
        #expect(PayloadFormat.standard.eventName(for: "no.such") == nil)
    }

    @Test func theStandardAndChatFormatsSendEveryTypeUnderItsCanonicalName() {
        for format in [PayloadFormat.standard, .slack, .discord] {
            #expect(format.eventTypes.count == EventType.catalogue.count)
            #expect(format.eventName(for: "lead.created") == "lead.created")
        }
    }

    @Test func aWebhookSubscribesWithItsFormatsNamesOrCanonicalNamesOfTypesItSends() {
        #expect(PayloadFormat.sitegpt.eventType(named: "NEW_LEAD_CAPTURE")?.name == "lead.created")
        #expect(PayloadFormat.sitegpt.eventType(named: "lead.created")?.name == "lead.created")
        #expect(PayloadFormat.sitegpt.isValidSubscription("lead.*"))
        #expect(PayloadFormat.sitegpt.isValidSubscription("*"))
        // Another seed's name, or a type the format never sends, is not a subscription of this format.
        #expect(!PayloadFormat.sitegpt.isValidSubscription("LEAD_CREATED"))
        #expect(!PayloadFormat.sitegpt.isValidSubscription("visitor_created"))
        #expect(!PayloadFormat.suppabot.isValidSubscription("ticket.*"))
        // The standard format keeps accepting every alias, as before formats existed.
        #expect(PayloadFormat.standard.eventType(named: "LEAD_CREATED")?.name == "lead.created")
        #expect(PayloadFormat.standard.isValidSubscription("ticket.*"))
    }

    @Test func aWebhookThatNamesNoSchemeGetsItsSeedsScheme() {
        #expect(PayloadFormat.standard.defaultSignatureScheme == .standard)
        #expect(PayloadFormat.suppabot.defaultSignatureScheme == .token)
        #expect(PayloadFormat.sitegpt.defaultSignatureScheme == .token)
        #expect(PayloadFormat.livechat.defaultSignatureScheme == .hmacSHA256)
        #expect(PayloadFormat.agentbot.defaultSignatureScheme == .timestamped)
        #expect(PayloadFormat.pollybot.defaultSignatureScheme == .hmacSHA256Prefixed)
    }

    @Test func seedFormatsUseTheirDocumentsHeaderNamesWhateverTheDeploymentsPrefix() {
        #expect(PayloadFormat.agentbot.headerPrefix(deployment: "X-Acme") == "X-Agentbot")
        #expect(PayloadFormat.livechat.headerPrefix(deployment: "X-Acme") == "X-Webhook")
        #expect(PayloadFormat.standard.headerPrefix(deployment: "X-Acme") == "X-Acme")
        #expect(PayloadFormat.sitegpt.spelling(ofHeader: "X-Webhook-Token") == "X-WEBHOOK-TOKEN")
        #expect(PayloadFormat.suppabot.spelling(ofHeader: "X-Webhook-Token") == "X-Webhook-Token")
    }

    @Test func aTestSendIsWebhookTestWhereTheFormatNamesItElseTheFirstSubscribedEventItSends() {
        #expect(PayloadFormat.standard.testEventType(subscriptions: ["lead.created"]).name == "webhook.test")
        #expect(PayloadFormat.slack.testEventType(subscriptions: ["*"]).name == "webhook.test")
        #expect(PayloadFormat.sitegpt.testEventType(subscriptions: ["NEW_LEAD_CAPTURE", "ADD_MESSAGE"]).name == "lead.created")
        #expect(PayloadFormat.suppabot.testEventType(subscriptions: ["*"]).name == "visitor.created")
        #expect(PayloadFormat.agentbot.testEventType(subscriptions: ["ticket.*"]).name == "ticket.created")
        #expect(PayloadFormat.pollybot.testEventType(subscriptions: ["conversation.*", "LEAD_CREATED"]).name == "conversation.started")
    }

    @Test func aCreateBodyWithOneSeedsOwnNamesImpliesThatSeedsFormat() {
        #expect(PayloadFormat.implied(bySubscriptions: ["LEAD_CREATED"]) == .pollybot)
        #expect(PayloadFormat.implied(bySubscriptions: ["NEW_LEAD_CAPTURE", "ADD_MESSAGE"]) == .sitegpt)
        #expect(PayloadFormat.implied(bySubscriptions: ["visitor_created", "conversation_ended"]) == .suppabot)
        #expect(PayloadFormat.implied(bySubscriptions: ["message.received", "conversation.started"]) == .livechat)
        #expect(PayloadFormat.implied(bySubscriptions: ["conversation.needs_human", "ticket.created"]) == .agentbot)
        // Canonical names, wildcards, and names of two documents imply nothing.
        #expect(PayloadFormat.implied(bySubscriptions: ["lead.created"]) == nil)
        #expect(PayloadFormat.implied(bySubscriptions: ["*"]) == nil)
        #expect(PayloadFormat.implied(bySubscriptions: ["message.created", "ticket.created"]) == nil)
        #expect(PayloadFormat.implied(bySubscriptions: ["LEAD_CREATED", "NEW_LEAD_CAPTURE"]) == nil)
        // An alias no seed format sends under (lead_created) keeps the default.
        #expect(PayloadFormat.implied(bySubscriptions: ["lead_created"]) == nil)
    }

    @Test func chatMessagesLinkToTheEventsSubjectInTheDashboard() throws {
        let context = PayloadContext(deliveryId: "d", chatbotId: "bot 1", occurredAt: Date(timeIntervalSince1970: 0),
                                     dashboardURL: "https://dash.example.com/", isTest: false)
        func link(_ type: String, _ data: String) throws -> String? {
            let type = try #require(EventType.named(type))
            let body = try #require(PayloadFormat.discord.body(eventType: type, data: Array(data.utf8), context: context))
            let message = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            return ((message?["embeds"] as? [[String: Any]])?.first)?["url"] as? String
        }
        #expect(try link("lead.created", #"{"id":"lead/7"}"#) == "https://dash.example.com/bot%201/leads/lead%2F7")
        #expect(try link("message.created", #"{"conversation_id":"c1","body":"hi"}"#)
                == "https://dash.example.com/bot%201/chat-history/c1")
        #expect(try link("lead.created", #"{"id":"l","dashboardUrl":"https://crm.example.com/l"}"#) == "https://crm.example.com/l")
        #expect(try link("ticket.created", #"{"id":"t1","subject":"s"}"#) == "https://dash.example.com/")
    }
}
