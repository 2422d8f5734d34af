/// What a chat message says about one event, before it is laid out for Slack or Discord: a title of fixed words,
/// a one-line headline, an optional longer text and the key fields of the event's subject.
///
/// `headline`, `body` and field values carry text from event data, and so do field names for a type the catalogue
/// does not know (its data's member names); `title` is this type's own words or the event type's name. Values
/// missing or `null` in the data are left out.
struct ChatSummary: Equatable {
    /// One labelled value, e.g. Email: john@example.com.
    struct Field: Equatable {
        let name: String
        let value: String
    }

    /// Fixed words naming what happened, e.g. "New lead".
    let title: String
    /// One line: the title and the subject, e.g. "New lead: John Doe", "New message from AI".
    let headline: String
    /// A longer text from the event when it has one: the message, the lead's note, the ticket's description.
    let body: String?
    /// The key fields of the subject, most important first.
    let fields: [Field]

    /// The longest subject a headline shows: a headline is one line, the full text belongs in `body` or a field.
    static let subjectLimit = 200

    /// The longest member name an unknown type's field shows (a label, not content).
    static let memberNameLimit = 100

    init(title: String, subject: String?, joinedBy joiner: String = ": ", body: String?, fields: [(String, String?)]) {
        self.title = title
        headline = subject.map { title + joiner + ChatText.truncated(Self.oneLine($0), to: Self.subjectLimit) } ?? title
        self.body = body
        self.fields = fields.compactMap { name, value in value.map { Field(name: name, value: $0) } }
    }

    /// The summary of an event of `eventType` with `data` (the catalogue's canonical shape; any other shape gives
    /// fewer fields, never an error). A type the catalogue does not know gets its `summary` as the headline and the
    /// data's top-level values as fields.
    init(eventType: EventType, data: JSONValue) {
        let reader = DataReader(data: data)
        switch eventType.name {
        case "visitor.created": self = Self.visitor(reader)
        case "conversation.started": self = Self.conversationStarted(reader)
        case "message.created": self = Self.message(reader)
        case "conversation.escalated": self = Self.escalation(reader)
        case "conversation.ended": self = Self.conversationEnded(reader)
        case "lead.created": self = Self.lead(reader, title: "New lead")
        case "lead.updated": self = Self.lead(reader, title: "Lead updated")
        case "ticket.created": self = Self.ticket(reader, title: "New ticket")
        case "ticket.updated": self = Self.ticket(reader, title: "Ticket updated")
        case "webhook.test":
            self = ChatSummary(title: "Test event", subject: nil, body: reader.text("message") ?? eventType.summary,
                               fields: [("Webhook", reader.text("webhookId"))])
        case "webhook.disabled":
            // Only the host of the disabled webhook's URL: a chat channel is read more widely than the owner's
            // settings, and many webhook URLs (Slack's and Discord's own) carry their credential in the path.
            let host = reader.text("url").flatMap(Self.host(of:))
            self = ChatSummary(title: "Webhook disabled", subject: reader.text("name", "webhookId"),
                               body: reader.text("reason"),
                               fields: [("Host", host), ("Webhook", reader.text("webhookId"))])
        case "delivery.exhausted":
            self = ChatSummary(title: "Delivery failed", subject: reader.text("eventType"), joinedBy: ": ",
                               body: reader.text("lastError"),
                               fields: [("Webhook", reader.text("webhookName", "webhookId")),
                                        ("Attempts", reader.text("attempts")),
                                        ("Last status", reader.text("lastStatusCode")),
                                        ("Delivery", reader.text("deliveryId"))])
        default: self = Self.generic(reader, eventType: eventType)
        }
    }

    /// The host of an absolute URL (`https://host:port/path?query` gives `host:port`), or `nil`.
    static func host(of url: String) -> String? {
        guard let start = url.range(of: "://") else { return nil }
        let rest = url[start.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        return host.isEmpty ? nil : host
    }

    // MARK: Families

    private static func visitor(_ data: DataReader) -> ChatSummary {
        let location = [data.text("visitor.city"), data.text("visitor.country")].compactMap { $0 }
        return ChatSummary(
            title: "New visitor",
            subject: data.text("visitor.name", "visitor.email", "visitor.id"),
            body: nil,
            fields: [
                ("Name", data.text("visitor.name")), ("Email", data.text("visitor.email")),
                ("Phone", data.text("visitor.phone")), ("Company", data.text("visitor.company")),
                ("Job title", data.text("visitor.jobTitle")),
                ("Location", location.isEmpty ? nil : location.joined(separator: ", ")),
                ("Referrer", data.text("visitor.referrer")), ("Interests", data.text("visitor.interests")),
                ("Quality score", data.text("visitor.qualityScore")), ("Urgency score", data.text("visitor.urgencyScore")),
            ])
    }

    private static func conversationStarted(_ data: DataReader) -> ChatSummary {
        ChatSummary(
            title: "Conversation started",
            subject: data.text("visitor_name", "visitor_email"),
            body: nil,
            fields: [
                ("Visitor", data.text("visitor_name")), ("Email", data.text("visitor_email")),
                ("Phone", data.text("visitor_phone")), ("Page", data.text("current_url")),
                ("Status", data.text("status")), ("Conversation", data.text("conversation_id")),
            ])
    }

    private static func message(_ data: DataReader) -> ChatSummary {
        let sender: String?
        switch data.text("sender_type") {
        case "visitor": sender = labelled(data.text("visitor_name", "visitor_email"), "visitor")
        case "agent": sender = labelled(data.text("agentName", "admin_name"), "agent")
        case "ai": sender = "AI"
        case "system": sender = "System"
        default:
            sender = data.text("is_from_admin") == "yes"
                ? labelled(data.text("agentName", "admin_name"), "agent")
                : data.text("agentName", "admin_name", "visitor_name", "visitor_email")
        }
        return ChatSummary(
            title: "New message",
            subject: sender,
            joinedBy: " from ",
            body: data.text("body", "content", "answer", "question"),
            fields: [
                ("Sender", sender), ("Visitor", data.text("visitor_name")), ("Email", data.text("visitor_email")),
                ("Conversation", data.text("conversation_id", "threadId")), ("Page", data.text("current_url")),
                ("Model", data.text("gptModel")), ("Sources", data.text("sources")),
            ])
    }

    private static func escalation(_ data: DataReader) -> ChatSummary {
        ChatSummary(
            title: "Conversation escalated",
            subject: data.text("visitor_name", "user.name", "visitor_email", "user.email"),
            body: data.text("reason"),
            fields: [
                ("Visitor", data.text("visitor_name", "user.name")), ("Email", data.text("visitor_email", "user.email")),
                ("Phone", data.text("visitor_phone", "user.phone")),
                ("Conversation", data.text("conversation_id", "threadId")),
            ])
    }

    private static func conversationEnded(_ data: DataReader) -> ChatSummary {
        let outcome = data.text("conversation.outcome").map { $0.replacingOccurrences(of: "_", with: " ") }
        let closer = data.text("closed_by.type").map { $0 == "ai" ? "AI" : $0 }
        return ChatSummary(
            title: "Conversation ended",
            subject: outcome,
            body: nil,
            fields: [
                ("Outcome", outcome), ("Visitor", data.text("visitor_name", "visitor_email")),
                ("Closed by", data.text("closed_by.name").map { labelled($0, closer) } ?? closer),
                ("Messages", data.text("conversation.messageCount")),
                ("Started", data.text("conversation.startedAt")),
                ("Ended", data.text("conversation.endedAt", "closed_at")),
                ("First message", data.text("conversation.firstMessage")),
                ("Conversation", data.text("conversation.id", "conversation_id")),
            ])
    }

    /// A lead, read at the top level (seed 004's flat lead) or else in `leadDetails` (seed 001's).
    private static func lead(_ data: DataReader, title: String) -> ChatSummary {
        let contact = { (key: String) in data.text(key, "leadDetails." + key) }
        return ChatSummary(
            title: title,
            subject: contact("name") ?? contact("email") ?? contact("id"),
            body: data.text("message"),
            fields: [
                ("Changes", data.changes), ("Name", contact("name")), ("Email", contact("email")),
                ("Phone", contact("phone")), ("Company", contact("company")), ("Status", data.text("status")),
                ("Priority", data.text("priority")), ("Urgency", data.text("urgency")),
                ("Preferred contact", data.text("preferredMethod")), ("Source", data.text("source")),
                ("Tags", data.text("tags")),
            ])
    }

    private static func ticket(_ data: DataReader, title: String) -> ChatSummary {
        ChatSummary(
            title: title,
            subject: data.text("subject", "ticket_id"),
            body: data.text("description"),
            fields: [
                ("Changes", data.changes), ("Subject", data.text("subject")), ("Status", data.text("status")),
                ("Priority", data.text("priority")), ("Assignee", data.text("assignee.name", "assignee.email")),
                ("Source", data.text("source")), ("Visitor", data.text("visitor_name")),
                ("Email", data.text("visitor_email")), ("Conversation", data.text("conversation_id")),
                ("Ticket", data.text("ticket_id")),
            ])
    }

    private static func generic(_ data: DataReader, eventType: EventType) -> ChatSummary {
        var fields: [(String, String?)] = []
        if case .object(let members) = data.data {
            fields = members.filter { !$0.key.allSatisfy(\.isWhitespace) }
                .map { (ChatText.truncated(Self.oneLine($0.key), to: Self.memberNameLimit), ChatText.display($0.value)) }
        }
        return ChatSummary(title: eventType.name, subject: nil, body: eventType.summary, fields: fields)
    }

    // MARK: Helpers

    /// "Maria Lopez (agent)", or the role alone when the name is unknown.
    private static func labelled(_ name: String?, _ role: String?) -> String? {
        guard let name else { return role }
        return role.map { "\(name) (\($0))" } ?? name
    }

    /// `text` on one line: line breaks become spaces.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// Reads display text out of an event's `data` by dotted paths (`visitor.name`).
private struct DataReader {
    let data: JSONValue

    /// The display text (see `ChatText.display`) of the first of `paths` that has some.
    func text(_ paths: String...) -> String? {
        for path in paths {
            if let shown = ChatText.display(value(at: path)) { return shown }
        }
        return nil
    }

    private func value(at path: String) -> JSONValue? {
        var current: JSONValue? = data
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            current = current?[String(key)]
        }
        return current
    }

    /// An `*.updated` event's `changes` (`{"status": {"from": "NEW", "to": "CONTACTED"}}`), one line per change:
    /// `status: NEW → CONTACTED`; an object value shows its name (an assignee), a missing one "none".
    var changes: String? {
        guard case .object(let members)? = data["changes"] else { return nil }
        let lines = members.map { member in
            "\(member.key): \(Self.changeValue(member.value["from"])) → \(Self.changeValue(member.value["to"]))"
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private static func changeValue(_ value: JSONValue?) -> String {
        if case .object = value {
            let reader = DataReader(data: value ?? .null)
            return reader.text("name", "email", "id") ?? "…"
        }
        return ChatText.display(value) ?? "none"
    }
}
