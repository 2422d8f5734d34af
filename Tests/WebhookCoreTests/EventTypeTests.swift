import Testing
import WebhookCore

@Suite struct EventTypeTests {
    @Test func seedNamesResolveToCanonicalTypes() {
        let expectations = [
            "visitor_created": "visitor.created", "conversation_ended": "conversation.ended",
            "ADD_MESSAGE": "message.created", "CONVERSATION_ESCALATED": "conversation.escalated",
            "NEW_LEAD_CAPTURE": "lead.created", "LEAD_CREATED": "lead.created", "LEAD_UPDATED": "lead.updated",
            "message.received": "message.created", "conversation.started": "conversation.started",
            "conversation.created": "conversation.started", "conversation.closed": "conversation.ended",
            "conversation.needs_human": "conversation.escalated", "ticket.created": "ticket.created",
            "ticket.updated": "ticket.updated", "message.created": "message.created",
        ]
        for (alias, canonical) in expectations {
            #expect(EventType.named(alias)?.name == canonical, "\(alias)")
        }
        #expect(EventType.named("lead.deleted") == nil)
    }

    @Test func everyNameAndAliasIsUnique() {
        let names = EventType.catalogue.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count)
    }

    @Test func wildcardsMustMatchAKnownPrefix() {
        #expect(EventType.isValidSubscription("conversation.*"))
        #expect(EventType.isValidSubscription("lead.*"))
        #expect(EventType.isValidSubscription("*"))
        #expect(!EventType.isValidSubscription("invoice.*"))
        #expect(!EventType.isValidSubscription("conv.*"))
        #expect(!EventType.isValidSubscription("conversation*"))
        #expect(!EventType.isValidSubscription(""))
    }

    @Test func operationalTypesAreSelectedByNameOrPrefixButNotByStarAndCannotBePublished() throws {
        for name in ["webhook.disabled", "delivery.exhausted"] {
            let type = try #require(EventType.named(name))
            #expect(type.isOperational && !type.isPublishable)
            #expect(type.subscriptionKeys.contains(name) && !type.subscriptionKeys.contains("*"))
        }
        #expect(EventType.named("webhook.disabled")?.subscriptionKeys.contains("webhook.*") == true)
        #expect(EventType.named("delivery.exhausted")?.subscriptionKeys.contains("delivery.*") == true)
        #expect(EventType.named("webhook.test")?.isPublishable == false)
        #expect(EventType.named("lead.created")?.isPublishable == true)
        #expect(EventType.named("lead.created")?.isOperational == false)
        #expect(PayloadFormat.standard.isValidSubscription("delivery.*"))
        #expect(PayloadFormat.slack.isValidSubscription("webhook.disabled"))
        #expect(!PayloadFormat.sitegpt.isValidSubscription("webhook.disabled"))
    }

    @Test func subscriptionKeysCoverAliasesPrefixWildcardAndStar() {
        let keys = EventType.named("lead.created")?.subscriptionKeys ?? []
        #expect(Set(keys) == ["lead.created", "LEAD_CREATED", "NEW_LEAD_CAPTURE", "lead_created", "lead.*", "*"])
    }
}
