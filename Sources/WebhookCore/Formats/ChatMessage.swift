public import Foundation

/// A readable chat message about one event, for Slack's and Discord's incoming webhooks.
///
/// Both bodies show the same `ChatSummary` (title, headline, longer text, key fields), a link to the event's subject
/// in the dashboard when known, the event's name, chatbot and time, and say so when the send is a test. Each keeps
/// within its service's documented limits (longer text is cut with an ellipsis, see `ChatText`) and makes text from
/// event data inert: Slack's `&`, `<`, `>` are escaped, Discord is told to parse no mentions. The same inputs always
/// give the same bytes.
public enum ChatMessage {
    /// Slack incoming-webhook body: `{"text": ..., "blocks": [...]}` (compact UTF-8 JSON).
    public static func slack(eventType: EventType, data: JSONValue, occurredAt: Date, chatbotId: String,
                             dashboardURL: String?, isTest: Bool) -> [UInt8] {
        let summary = ChatSummary(eventType: eventType, data: data)
        let headline = (isTest ? testMark : "") + summary.headline
        var blocks: [JSONValue] = [
            ["type": "header", "text": ["type": "plain_text", "text": .string(
                ChatText.truncated(summary.title, to: SlackLimit.header)), "emoji": true]],
            slackSection(ChatText.slackEscaped(headline, to: SlackLimit.sectionText)),
        ]
        if let body = summary.body {
            blocks.append(slackSection(ChatText.slackEscaped(body, to: SlackLimit.sectionText)))
        }
        let fields = summary.fields.prefix(SlackLimit.fields).map { field -> JSONValue in
            let label = "*\(ChatText.slackEscaped(field.name[...]))*\n"
            let value = ChatText.slackEscaped(field.value, to: SlackLimit.fieldText - ChatText.length(label))
            return ["type": "mrkdwn", "text": .string(label + value)]
        }
        if !fields.isEmpty {
            blocks.append(["type": "section", "fields": .array(fields)])
        }
        if let link = dashboardLink(dashboardURL), ChatText.length(link) <= SlackLimit.linkURL {
            let escaped = ChatText.slackEscaped(link[...]).replacingOccurrences(of: "|", with: "%7C")
            blocks.append(slackSection("<\(escaped)|Open in the dashboard>"))
        }
        let context = ChatText.slackEscaped(footer(eventType: eventType, chatbotId: chatbotId, isTest: isTest)
            + " · " + WireTimestamp.iso8601(occurredAt), to: SlackLimit.sectionText)
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": .string(context)]]])
        let message: JSONValue = [
            "text": .string(ChatText.slackEscaped(headline, to: SlackLimit.sectionText)),
            "blocks": .array(blocks),
        ]
        return message.compactJSON
    }

    /// Discord webhook body: `{"content": ..., "embeds": [...]}` (compact UTF-8 JSON).
    public static func discord(eventType: EventType, data: JSONValue, occurredAt: Date, chatbotId: String,
                               dashboardURL: String?, isTest: Bool) -> [UInt8] {
        let summary = ChatSummary(eventType: eventType, data: data)
        let title = ChatText.truncated(summary.title, to: DiscordLimit.title)
        let footer = ChatText.truncated(footer(eventType: eventType, chatbotId: chatbotId, isTest: isTest),
                                        to: DiscordLimit.footer)
        // One budget for all text in the embed: fields first (keeping room for the start of the longer text),
        // then the longer text gets what is left.
        var room = DiscordLimit.embedTotal - ChatText.length(title) - ChatText.length(footer)
        let bodyReserve = summary.body.map { min(ChatText.length($0), DiscordLimit.descriptionReserve) } ?? 0
        var fields: [JSONValue] = []
        for field in summary.fields.prefix(DiscordLimit.fields) {
            let name = ChatText.truncated(field.name, to: DiscordLimit.fieldName)
            let available = min(DiscordLimit.fieldValue, room - bodyReserve - ChatText.length(name))
            guard available >= min(ChatText.length(field.value), DiscordLimit.shortestCutValue) else { break }
            let value = ChatText.truncated(field.value, to: available)
            room -= ChatText.length(name) + ChatText.length(value)
            let inline = ChatText.length(value) <= DiscordLimit.inlineValue && !value.contains(where: \.isNewline)
            fields.append(["name": .string(name), "value": .string(value), "inline": .bool(inline)])
        }
        var embed: [JSONValue.Member] = [JSONValue.Member(key: "title", value: .string(title))]
        if let body = summary.body {
            let description = ChatText.truncated(body, to: min(DiscordLimit.description, room))
            if !description.isEmpty { embed.append(JSONValue.Member(key: "description", value: .string(description))) }
        }
        if let link = dashboardLink(dashboardURL) {
            embed.append(JSONValue.Member(key: "url", value: .string(link)))
        }
        embed.append(JSONValue.Member(key: "timestamp", value: .string(WireTimestamp.iso8601(occurredAt))))
        if !fields.isEmpty { embed.append(JSONValue.Member(key: "fields", value: .array(fields))) }
        embed.append(JSONValue.Member(key: "footer", value: ["text": .string(footer)]))
        let message: JSONValue = [
            "content": .string(ChatText.truncated((isTest ? testMark : "") + summary.headline, to: DiscordLimit.content)),
            "embeds": [.object(embed)],
            // Text from event data may hold @everyone or <@id>: Discord must not turn it into a ping.
            "allowed_mentions": ["parse": []],
        ]
        return message.compactJSON
    }

    // MARK: Shared

    /// Put before the headline of a test send.
    private static let testMark = "[Test] "

    /// "lead.created · chatbot chatbot_123", and "· test send" for a test.
    private static func footer(eventType: EventType, chatbotId: String, isTest: Bool) -> String {
        "\(eventType.name) · chatbot \(chatbotId)" + (isTest ? " · test send" : "")
    }

    /// `url` when it is an absolute http(s) URL without white space or control characters, the only kind both
    /// services link; anything else is left out rather than sent as a broken link.
    private static func dashboardLink(_ url: String?) -> String? {
        guard let url, url.hasPrefix("https://") || url.hasPrefix("http://"),
              !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return url
    }

    private static func slackSection(_ mrkdwn: String) -> JSONValue {
        ["type": "section", "text": ["type": "mrkdwn", "text": .string(mrkdwn)]]
    }

    /// Slack Block Kit's documented limits (characters).
    private enum SlackLimit {
        static let header = 150
        static let sectionText = 3000
        static let fields = 10
        static let fieldText = 2000
        /// Room for `<url|Open in the dashboard>` and escapes within a section's 3000 characters.
        static let linkURL = 2000
    }

    /// Discord's documented limits for webhook messages and embeds (characters), and this layout's own choices.
    private enum DiscordLimit {
        static let content = 2000
        static let title = 256
        static let description = 4096
        static let fields = 25
        static let fieldName = 256
        static let fieldValue = 1024
        static let footer = 2048
        static let embedTotal = 6000
        /// Room kept for the start of the longer text when fields are many and long.
        static let descriptionReserve = 1024
        /// A field cut shorter than this is dropped, with the fields after it.
        static let shortestCutValue = 64
        /// Fields up to this long sit side by side.
        static let inlineValue = 40
    }
}
