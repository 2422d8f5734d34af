import Foundation
@testable import WebhookCore

/// A Slack or Discord body `ChatMessage` produced, parsed back with `JSONSerialization` as a receiver would, with the
/// checks of each service's documented limits (lengths counted in UTF-16 code units, never fewer than characters).
struct ChatBody {
    let bytes: [UInt8]
    let json: [String: Any]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw ChatBodyError("not a JSON object: \(String(decoding: bytes, as: UTF8.self))")
        }
        self.json = json
    }

    /// The Slack body of an event of `type` with `data` (JSON text).
    static func slack(_ type: EventType, _ data: String, dashboardURL: String? = nil, isTest: Bool = false) throws -> ChatBody {
        try ChatBody(ChatMessage.slack(eventType: type, data: try JSONValue.parse(Array(data.utf8)), occurredAt: occurredAt,
                                       chatbotId: "chatbot_123", dashboardURL: dashboardURL, isTest: isTest))
    }

    /// The Discord body of an event of `type` with `data` (JSON text).
    static func discord(_ type: EventType, _ data: String, dashboardURL: String? = nil, isTest: Bool = false) throws -> ChatBody {
        try ChatBody(ChatMessage.discord(eventType: type, data: try JSONValue.parse(Array(data.utf8)), occurredAt: occurredAt,
                                         chatbotId: "chatbot_123", dashboardURL: dashboardURL, isTest: isTest))
    }

    /// 2025-01-15T10:30:00.000Z.
    static let occurredAt = Date(timeIntervalSince1970: 1_736_937_000)

    // MARK: Slack

    var blocks: [[String: Any]] { json["blocks"] as? [[String: Any]] ?? [] }

    /// Every mrkdwn or plain_text text in the blocks, in order.
    var slackTexts: [String] {
        blocks.flatMap { block -> [String] in
            let text = (block["text"] as? [String: Any])?["text"] as? String
            let fields = (block["fields"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            let elements = (block["elements"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            return (text.map { [$0] } ?? []) + fields + elements
        }
    }

    /// The `fields` of the section that has them.
    var slackFields: [String] {
        blocks.flatMap { ($0["fields"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
    }

    /// What breaks Slack's documented limits, or nothing.
    var slackViolations: [String] {
        var found: [String] = []
        let text = json["text"] as? String ?? ""
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append("no text") }
        if blocks.count > 50 { found.append("\(blocks.count) blocks") }
        for block in blocks {
            let type = block["type"] as? String ?? "?"
            let text = (block["text"] as? [String: Any])?["text"] as? String
            let fields = (block["fields"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            let elements = (block["elements"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            let limit = type == "header" ? 150 : 3000
            if let text, text.isEmpty || text.utf16.count > limit { found.append("\(type) text of \(text.utf16.count)") }
            if fields.count > 10 { found.append("\(fields.count) fields") }
            for field in fields where field.isEmpty || field.utf16.count > 2000 { found.append("field of \(field.utf16.count)") }
            if elements.count > 10 { found.append("\(elements.count) context elements") }
            for element in elements where element.isEmpty || element.utf16.count > 3000 {
                found.append("context element of \(element.utf16.count)")
            }
            if type == "section" && text == nil && fields.isEmpty { found.append("empty section") }
        }
        return found
    }

    // MARK: Discord

    var content: String { json["content"] as? String ?? "" }
    var embeds: [[String: Any]] { json["embeds"] as? [[String: Any]] ?? [] }
    var embed: [String: Any] { embeds.first ?? [:] }
    var embedFields: [(name: String, value: String)] {
        (embed["fields"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0["value"] as? String ?? "") }
    }

    /// Every text of the Discord body: content, title, description, field names and values, footer.
    var discordTexts: [String] {
        [content, embed["title"] as? String, embed["description"] as? String].compactMap { $0 }
            + embedFields.flatMap { [$0.name, $0.value] }
            + [(embed["footer"] as? [String: Any])?["text"] as? String].compactMap { $0 }
    }

    /// What breaks Discord's documented limits, or nothing.
    var discordViolations: [String] {
        var found: [String] = []
        if content.isEmpty && embeds.isEmpty { found.append("neither content nor embeds") }
        if content.utf16.count > 2000 { found.append("content of \(content.utf16.count)") }
        if embeds.count > 10 { found.append("\(embeds.count) embeds") }
        var total = 0
        for embed in embeds {
            let title = embed["title"] as? String ?? ""
            let description = embed["description"] as? String ?? ""
            let footer = (embed["footer"] as? [String: Any])?["text"] as? String ?? ""
            if title.utf16.count > 256 { found.append("title of \(title.utf16.count)") }
            if description.utf16.count > 4096 { found.append("description of \(description.utf16.count)") }
            if footer.utf16.count > 2048 { found.append("footer of \(footer.utf16.count)") }
            let fields = embed["fields"] as? [[String: Any]] ?? []
            if fields.count > 25 { found.append("\(fields.count) fields") }
            total += title.utf16.count + description.utf16.count + footer.utf16.count
            for field in fields {
                let name = field["name"] as? String ?? ""
                let value = field["value"] as? String ?? ""
                if name.isEmpty || name.utf16.count > 256 { found.append("field name of \(name.utf16.count)") }
                if value.isEmpty || value.utf16.count > 1024 { found.append("field value of \(value.utf16.count)") }
                total += name.utf16.count + value.utf16.count
            }
        }
        if total > 6000 { found.append("embeds hold \(total)") }
        return found
    }
}

struct ChatBodyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
