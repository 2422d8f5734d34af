import Foundation
import Testing
@testable import WebhookCore

/// The `slack` and `discord` payload formats' bodies: a readable message about each event, within each service's
/// limits, with text from event data shown as written and never as markup or a mention.
@Suite struct ChatMessageTests {
    /// Text each catalogue type's example must show (the subject's key fields), in Slack and Discord alike.
    static let shownOfExample: [String: [String]] = [
        "visitor.created": ["Jane Smith", "jane@example.com", "+1 555 000 0000", "Acme Corp", "New York, US"],
        "conversation.started": ["John Doe", "john@example.com", "https://example.com/products", "conv_xyz"],
        "message.created": ["AI", "To reset your password, click on 'Forgot Password' on the login page.", "conv_xyz"],
        "conversation.escalated": ["John Doe", "user@example.com", "The visitor asked to talk to a person.", "conv_xyz"],
        "conversation.ended": ["lead captured", "Maria Lopez (agent)", "8", "Hi, I'm interested in your enterprise plan"],
        "lead.created": ["John Doe", "john@example.com", "+1234567890", "Acme Corp", "Interested in your services"],
        "lead.updated": ["John Doe", "status: NEW → CONTACTED", "priority: MEDIUM → HIGH", "CONTACTED"],
        "ticket.created": ["Refund for order #1042", "open", "medium", "charged twice"],
        "ticket.updated": ["Refund for order #1042", "pending", "high", "Maria Lopez", "assignee: none → Maria Lopez"],
        "webhook.test": ["This is a test event from your webhook settings."],
        "webhook.disabled": ["CRM sync", "crm.example.com", "410 Gone"],
        "delivery.exhausted": ["lead.created", "CRM sync", "HTTP 500", "4"],
    ]

    static let typeNames = EventType.catalogue.map(\.name)

    func type(_ name: String) throws -> EventType {
        try #require(EventType.named(name))
    }

    // MARK: Every catalogue type

    @Test(arguments: typeNames)
    func slackShowsEachExampleWithTextHeadlineFieldsAndContext(_ name: String) throws {
        let type = try type(name)
        let body = try ChatBody.slack(type, type.example)
        #expect(body.slackViolations == [])
        let text = try #require(body.json["text"] as? String)
        #expect(!text.isEmpty)
        #expect(body.blocks.first?["type"] as? String == "header")
        let context = try #require(body.blocks.last)
        #expect(context["type"] as? String == "context")
        let contextText = body.slackTexts.last ?? ""
        #expect(contextText.contains(name) && contextText.contains("2025-01-15T10:30:00.000Z") && contextText.contains("chatbot_123"))
        let shown = body.slackTexts.joined(separator: "\n")
        for expected in try #require(Self.shownOfExample[name]) {
            #expect(shown.contains(expected), "\(name): Slack message lacks \(expected)")
        }
        if name != "webhook.test" { #expect(!body.slackFields.isEmpty, "\(name): no fields") }
    }

    @Test(arguments: typeNames)
    func discordShowsEachExampleWithContentOneEmbedAndNoMentions(_ name: String) throws {
        let type = try type(name)
        let body = try ChatBody.discord(type, type.example)
        #expect(body.discordViolations == [])
        #expect(!body.content.isEmpty)
        #expect(body.embeds.count == 1)
        #expect(body.embed["timestamp"] as? String == "2025-01-15T10:30:00.000Z")
        #expect(((body.embed["footer"] as? [String: Any])?["text"] as? String)?.contains(name) == true)
        #expect((body.json["allowed_mentions"] as? [String: Any])?["parse"] as? [Any] != nil)
        #expect(((body.json["allowed_mentions"] as? [String: Any])?["parse"] as? [Any])?.isEmpty == true)
        let shown = body.discordTexts.joined(separator: "\n")
        for expected in try #require(Self.shownOfExample[name]) {
            #expect(shown.contains(expected), "\(name): Discord message lacks \(expected)")
        }
    }

    @Test(arguments: typeNames)
    func minimalDataStillGivesAReadableMessageWithoutNulls(_ name: String) throws {
        let type = try type(name)
        let data = try #require(CatalogueRecord.minimalData[name])
        let slack = try ChatBody.slack(type, data)
        let discord = try ChatBody.discord(type, data)
        #expect(slack.slackViolations == [])
        #expect(discord.discordViolations == [])
        #expect(!(slack.json["text"] as? String ?? "").isEmpty)
        #expect(!discord.content.isEmpty)
        #expect(!String(decoding: slack.bytes + discord.bytes, as: UTF8.self).contains("null"))
    }

    // MARK: Missing values, unknown types, determinism

    @Test func valuesMissingOrNullAreLeftOut() throws {
        let data = #"{"id":"lead_1","name":"Ann","email":null,"phone":"  ","company":null,"tags":[]}"#
        let slack = try ChatBody.slack(try type("lead.created"), data)
        #expect(slack.slackFields == ["*Name*\nAnn"])
        let discord = try ChatBody.discord(try type("lead.created"), data)
        #expect(discord.embedFields.map(\.name) == ["Name"])
        #expect(!String(decoding: slack.bytes + discord.bytes, as: UTF8.self).contains("null"))
    }

    @Test func leadFieldsFallBackToSeed001LeadDetails() throws {
        let data = #"{"id":"lead_1","leadDetails":{"id":"lead_1","name":"Ann","email":"ann@example.com"}}"#
        let body = try ChatBody.discord(try type("lead.created"), data)
        #expect(body.content == "New lead: Ann")
        #expect(body.embedFields.map(\.value) == ["Ann", "ann@example.com"])
    }

    @Test func anUnknownTypeGetsItsSummaryAndTopLevelValues() throws {
        let type = EventType(name: "order.shipped", aliases: [], summary: "An order left the warehouse.")
        let data = #"{"order":"ord_1","items":3,"gift":true,"address":{"city":"Oslo"},"note":null}"#
        let slack = try ChatBody.slack(type, data)
        #expect(slack.slackViolations == [])
        #expect(slack.slackTexts.contains("An order left the warehouse."))
        #expect(slack.slackFields == ["*order*\nord_1", "*items*\n3", "*gift*\nyes"])
        let discord = try ChatBody.discord(type, data)
        #expect(discord.embed["description"] as? String == "An order left the warehouse.")
        #expect(discord.embedFields.map(\.name) == ["order", "items", "gift"])
    }

    @Test func anUnknownTypesMemberNamesAreEscapedShortAndNeverEmpty() throws {
        let type = EventType(name: "order.shipped", aliases: [], summary: "An order left the warehouse.")
        let longKey = String(repeating: "k", count: 5_000)
        let data = #"{"":"empty","<!channel>":"x","\#(longKey)":"long"}"#
        let slack = try ChatBody.slack(type, data)
        #expect(slack.slackViolations == [])
        #expect(slack.slackFields.first == "*&lt;!channel&gt;*\nx")
        #expect(slack.slackFields.count == 2)
        let discord = try ChatBody.discord(type, data)
        #expect(discord.discordViolations == [])
        #expect(discord.embedFields.map(\.name.count) == [10, ChatSummary.memberNameLimit])
    }

    @Test(arguments: typeNames)
    func theSameEventAlwaysGivesTheSameBytes(_ name: String) throws {
        let type = try type(name)
        let data = try JSONValue.parse(Array(type.example.utf8))
        let render = {
            ChatMessage.slack(eventType: type, data: data, occurredAt: ChatBody.occurredAt, chatbotId: "c",
                              dashboardURL: "https://app.example.com/x", isTest: false)
                + ChatMessage.discord(eventType: type, data: data, occurredAt: ChatBody.occurredAt, chatbotId: "c",
                                      dashboardURL: "https://app.example.com/x", isTest: false)
        }
        #expect(render() == render())
    }

    // MARK: Dashboard link and test sends

    @Test func theDashboardLinkIsALinkInSlackAndTheEmbedURLInDiscord() throws {
        let url = "https://app.example.com/chatbots/chatbot_123/leads/lead_789?tab=a&b=c|d"
        let type = try type("lead.created")
        let slack = try ChatBody.slack(type, type.example, dashboardURL: url)
        #expect(slack.slackTexts.contains(
            "<https://app.example.com/chatbots/chatbot_123/leads/lead_789?tab=a&amp;b=c%7Cd|Open in the dashboard>"))
        let discord = try ChatBody.discord(type, type.example, dashboardURL: url)
        #expect(discord.embed["url"] as? String == url)
    }

    @Test(arguments: [nil, "", "javascript:alert(1)", "https://evil.example/a b", "<!channel>"])
    func noLinkWithoutAnHTTPDashboardURL(_ url: String?) throws {
        let type = try type("lead.created")
        let slack = try ChatBody.slack(type, type.example, dashboardURL: url)
        #expect(!slack.slackTexts.contains { $0.contains("Open in the dashboard") })
        let discord = try ChatBody.discord(type, type.example, dashboardURL: url)
        #expect(discord.embed["url"] == nil)
    }

    @Test func aTestSendSaysSo() throws {
        let type = try type("lead.created")
        let slack = try ChatBody.slack(type, type.example, isTest: true)
        #expect((slack.json["text"] as? String)?.hasPrefix("[Test] New lead: John Doe") == true)
        #expect(slack.slackTexts.last?.contains("test send") == true)
        let discord = try ChatBody.discord(type, type.example, isTest: true)
        #expect(discord.content == "[Test] New lead: John Doe")
        #expect(((discord.embed["footer"] as? [String: Any])?["text"] as? String)?.contains("test send") == true)
        let real = try ChatBody.discord(type, type.example, isTest: false)
        #expect(real.content == "New lead: John Doe")
        #expect(!real.discordTexts.contains { $0.contains("test send") })
    }

    // MARK: Limits

    /// A lead whose every text is far over every limit, with 40 custom members besides.
    static let oversizedLead: String = {
        let long = String(repeating: "é😀/", count: 2_000)
        var members = ["\"id\":\"lead_1\""]
        for key in ["name", "email", "phone", "company", "message", "status", "priority", "urgency", "source"] {
            members.append("\"\(key)\":\"\(key) \(long)\"")
        }
        members.append("\"tags\":[\"\(long)\",\"\(long)\"]")
        members.append("\"changes\":{\"status\":{\"from\":\"\(long)\",\"to\":\"\(long)\"}}")
        for index in 0..<40 { members.append("\"custom\(index)\":\"\(long)\"") }
        return "{" + members.joined(separator: ",") + "}"
    }()

    @Test(arguments: ["lead.created", "lead.updated", "ticket.created", "message.created", "visitor.created"])
    func oversizedDataIsCutToEveryLimitWithAnEllipsis(_ name: String) throws {
        let type = try type(name)
        let long = String(repeating: "é😀/", count: 2_000)
        // Every member any family reads, at the top level and nested, holds the long text.
        let data = name == "lead.created" || name == "lead.updated" ? Self.oversizedLead : """
            {"visitor":{"id":"v","name":"\(long)","email":"\(long)","company":"\(long)","city":"\(long)"},
            "ticket_id":"t","subject":"\(long)","description":"\(long)","status":"\(long)","priority":"\(long)",
            "message_id":"m","conversation_id":"\(long)","sender_type":"visitor","visitor_name":"\(long)",
            "visitor_email":"\(long)","body":"\(long)","current_url":"\(long)","gptModel":"\(long)"}
            """
        let slack = try ChatBody.slack(type, data, dashboardURL: "https://app.example.com/x", isTest: true)
        #expect(slack.slackViolations == [])
        #expect(slack.slackTexts.contains { $0.hasSuffix("é😀/é…") || $0.hasSuffix("😀/…") || $0.hasSuffix("é😀…") })
        let discord = try ChatBody.discord(type, data, dashboardURL: "https://app.example.com/x", isTest: true)
        #expect(discord.discordViolations == [])
        #expect(discord.discordTexts.contains { $0.hasSuffix("…") })
        #expect(!discord.embedFields.isEmpty)
    }

    @Test func manyFieldsStopAtSlacksTenAndDiscordsTwentyFive() throws {
        let type = EventType(name: "order.shipped", aliases: [], summary: "An order left the warehouse.")
        let data = "{" + (0..<40).map { "\"k\($0)\":\"v\($0)\"" }.joined(separator: ",") + "}"
        let slack = try ChatBody.slack(type, data)
        #expect(slack.slackFields.count == 10)
        #expect(slack.slackFields.last == "*k9*\nv9")
        let discord = try ChatBody.discord(type, data)
        #expect(discord.embedFields.count == 25)
        #expect(discord.embedFields.last?.value == "v24")
    }

    @Test func aLongHeadlineStaysOneShortLine() throws {
        let subject = String(repeating: "Refund\n", count: 1_000)
        let body = try ChatBody.discord(try type("ticket.created"), #"{"ticket_id":"t","subject":"\#(subject.replacingOccurrences(of: "\n", with: "\\n"))"}"#)
        #expect(body.content.count <= ChatSummary.subjectLimit + "New ticket: ".count)
        #expect(!body.content.contains("\n"))
        #expect(body.content.hasSuffix("…"))
    }

    // MARK: Text from event data stays text

    @Test func slackEscapesAmpersandAndAngleBracketsSoMarkupAndMentionsShowAsText() throws {
        let hostile = "<!channel> <@U123> <https://evil.example|click> Tom & Jerry </script>"
        let data = #"{"message_id":"m","conversation_id":"c","sender_type":"visitor","visitor_name":"\#(hostile)","body":"\#(hostile)"}"#
        let slack = try ChatBody.slack(try type("message.created"), data)
        let escaped = "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; Tom &amp; Jerry &lt;/script&gt;"
        #expect(slack.slackTexts.contains(escaped))
        #expect(slack.slackFields.contains("*Visitor*\n" + escaped))
        for text in slack.slackTexts + [slack.json["text"] as? String ?? ""] {
            #expect(!text.contains("<!"), "unescaped markup in \(text)")
            #expect(!text.contains("<@"), "unescaped mention in \(text)")
            #expect(!text.contains("</"), "unescaped tag in \(text)")
        }
    }

    @Test func cuttingEscapedTextNeverSplitsAnEntity() throws {
        let data = #"{"ticket_id":"t","description":"\#(String(repeating: "<&>", count: 2_000))"}"#
        let slack = try ChatBody.slack(try type("ticket.created"), data)
        let description = try #require(slack.slackTexts.first { $0.hasPrefix("&lt;&amp;&gt;") })
        #expect(description.hasSuffix("…"))
        let bare = description.dropLast().replacingOccurrences(of: "&lt;", with: "")
            .replacingOccurrences(of: "&amp;", with: "").replacingOccurrences(of: "&gt;", with: "")
        #expect(bare.isEmpty)
        #expect(slack.slackViolations == [])
    }

    @Test func everyoneInEventDataPingsNobodyOnDiscord() throws {
        let data = #"{"message_id":"m","conversation_id":"c","sender_type":"visitor","visitor_name":"@everyone","body":"@here <@&123> @everyone"}"#
        let discord = try ChatBody.discord(try type("message.created"), data)
        #expect(discord.json["allowed_mentions"] as? [String: [String]] == ["parse": []])
        #expect(discord.content == "New message from @everyone (visitor)")
        #expect(discord.embed["description"] as? String == "@here <@&123> @everyone")
    }

    @Test func slashAccentsEmojiNewlinesAndScriptTagsSurviveAsText() throws {
        let text = "Café 😀 a/b\nsecond line </script><script>alert(1)</script>"
        let data = #"{"ticket_id":"t","subject":"Über/Ω","description":"Café 😀 a/b\nsecond line </script><script>alert(1)</script>"}"#
        let discord = try ChatBody.discord(try type("ticket.created"), data)
        #expect(discord.embed["description"] as? String == text)
        #expect(discord.content == "New ticket: Über/Ω")
        #expect(String(decoding: discord.bytes, as: UTF8.self).contains("a/b\\nsecond line </script>"))
        let slack = try ChatBody.slack(try type("ticket.created"), data)
        #expect(slack.slackTexts.contains("Café 😀 a/b\nsecond line &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(slack.json["text"] as? String == "New ticket: Über/Ω")
    }
}

/// A disabled webhook's URL in a chat message: its host only, never the path or query (credentials live there).
@Suite struct ChatDisabledWebhookTests {
    @Test func onlyTheHostOfTheURLIsShown() throws {
        let type = try #require(EventType.named("webhook.disabled"))
        let data = #"{"webhookId":"w","name":"Alerts","reason":"gone","url":"https://hooks.slack.com/services/T0/B0/SECRETTOKEN?x=1"}"#
        for body in [try ChatBody.slack(type, data).json, try ChatBody.discord(type, data).json] {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            #expect(text.contains("hooks.slack.com"))
            #expect(!text.contains("SECRETTOKEN") && !text.contains("services"))
        }
        #expect(ChatSummary.host(of: "https://user:pw@example.com:8443/p?q") == "example.com:8443")
        #expect(ChatSummary.host(of: "not a url") == nil)
    }
}
