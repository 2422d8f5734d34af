/// One event's canonical `data` written in the shape a seed document shows for it: the document's member names
/// and order, each derived from the canonical members, then the members a producer added beyond the catalogue's
/// schema, which pass through. Members the document shows are always present (`null` when unknown), so receivers
/// that index them (`lead['name']` in Python) find them.
struct SeedData {
    let type: EventType
    let data: JSONValue
    let context: PayloadContext

    /// `data` as `format`'s document shows it.
    func rendered(in format: PayloadFormat) -> JSONValue {
        var list = MemberList()
        switch format {
        case .suppabot: suppabot(&list)
        case .sitegpt: sitegpt(&list)
        case .livechat: livechat(&list)
        case .agentbot: agentbot(&list)
        case .pollybot: pollybot(&list)
        case .standard, .slack, .discord: break // not seed formats: `PayloadFormat.body` writes them
        }
        list.addMembers(of: data, excluding: type.canonicalMemberNames)
        return list.object
    }

    // MARK: Seed 000

    private func suppabot(_ list: inout MemberList) {
        switch type.name {
        case "visitor.created": copy(["visitor"], to: &list)
        case "conversation.ended": copy(["conversation"], to: &list)
        default: list.addMembers(of: data)
        }
    }

    // MARK: Seed 001

    private func sitegpt(_ list: inout MemberList) {
        list.set("chatbotId", .string(context.chatbotId))
        switch type.name {
        case "message.created":
            list.set("threadId", .orNull(data["conversation_id"]))
            copy(["gptModel"], to: &list)
            list.set("sources", data["sources"] ?? .array([]))
            let visitorWrote = senderType == "visitor"
            list.set("question", .orNull(visitorWrote ? data["body"] : data["inReplyTo"]))
            list.set("answer", visitorWrote ? .null : .orNull(data["body"]))
            list.set("messageType", data["messageType"] ?? "NORMAL_MESSAGE")
            copy(["agentId", "iconUrl", "agentName", "systemMessageType"], to: &list)
        case "conversation.escalated":
            list.set("threadId", .orNull(data["conversation_id"]))
            list.set("dashboardUrl", dashboardURL(section: "chat-history", id: data["conversation_id"]))
            copy(["user"], to: &list)
        case "lead.created":
            list.set("chatbotName", .orNull(data["chatbotName"]))
            list.set("dashboardUrl", dashboardURL(section: "leads", id: data["id"]))
            list.set("leadDetails", leadDetails)
        default:
            list.addMembers(of: data)
        }
    }

    /// Seed 001's view of the lead: contact fields, `capturedAt`, then the lead form's custom fields as members.
    private var leadDetails: JSONValue {
        var details = MemberList()
        copy(["id", "name", "email", "phone"], to: &details)
        details.set("capturedAt", data["createdAt"] ?? .string(WireTimestamp.iso8601Seconds(context.occurredAt, zone: "Z")))
        details.addMembers(of: data["customFields"])
        return details.object
    }

    // MARK: Seed 002

    private func livechat(_ list: inout MemberList) {
        switch type.name {
        case "message.created":
            copy(["message_id"], to: &list)
            list.set("content", .orNull(data["body"]))
            list.set("is_from_admin", .bool(senderType != "visitor"))
            list.set("admin_name", senderType == "agent" ? .orNull(data["agentName"]) : .null)
            copy(["conversation_id", "visitor_name", "visitor_email", "visitor_phone", "visitor_ip", "current_url"],
                 to: &list)
            copy(["status"], to: &list)
        case "conversation.started":
            copy(["conversation_id", "visitor_name", "visitor_email", "visitor_phone", "visitor_ip", "current_url"],
                 to: &list)
            list.set("status", data["status"] ?? "open")
        default:
            list.addMembers(of: data)
        }
        list.set("created_at", data["created_at"] ?? .string(WireTimestamp.iso8601Seconds(context.occurredAt, zone: "+00:00")))
    }

    // MARK: Seed 003

    private func agentbot(_ list: inout MemberList) {
        switch type.name {
        case "message.created":
            copy(["conversation_id", "message_id"], to: &list)
            list.set("sender_type", .string(senderType))
            copy(["body", "visitor_email", "visitor_name"], to: &list)
        case "conversation.escalated":
            copy(["conversation_id", "reason"], to: &list)
            list.set("visitor_email", .orNull(data["user"]?["email"]))
            list.set("visitor_name", .orNull(data["user"]?["name"]))
        case "conversation.ended":
            list.set("conversation_id", .orNull(data["conversation"]?["id"]))
            list.set("status", "closed")
            list.set("closed_at", data["conversation"]?["endedAt"]
                ?? .string(WireTimestamp.iso8601Seconds(context.occurredAt, zone: "Z")))
            copy(["closed_by"], to: &list)
        default:
            list.addMembers(of: data)
        }
    }

    // MARK: Seed 004

    private func pollybot(_ list: inout MemberList) {
        guard type.name.hasPrefix("lead.") else {
            list.addMembers(of: data)
            list.set("chatbotId", .string(context.chatbotId))
            return
        }
        copy(["id", "name", "email", "phone"], to: &list)
        for key in ["company", "message", "preferredMethod", "urgency", "source", "status", "priority", "tags",
                    "customFields"] {
            if let value = data[key] { list.set(key, value) }
        }
        list.set("chatbotId", .string(context.chatbotId))
        let createdAt = data["createdAt"] ?? .string(WireTimestamp.iso8601(context.occurredAt))
        list.set("createdAt", createdAt)
        list.set("updatedAt", data["updatedAt"] ?? createdAt)
        if let changes = data["changes"] { list.set("changes", changes) }
    }

    // MARK: Shared

    /// Copies each of `keys` from `data`, `null` when absent.
    private func copy(_ keys: [String], to list: inout MemberList) {
        for key in keys { list.set(key, .orNull(data[key])) }
    }

    /// Who wrote a `message.created`: `sender_type`, or when absent the AI if the message answers one
    /// (`inReplyTo`), else the visitor.
    private var senderType: String {
        if let sender = data["sender_type"]?.stringValue { return sender }
        if let question = data["inReplyTo"], !question.isNull { return "ai" }
        return "visitor"
    }

    /// The producer's `dashboardUrl` when it sent one, else `<dashboard>/<chatbotId>/<section>/<id>` when the
    /// deployment has a dashboard, else `null`.
    private func dashboardURL(section: String, id: JSONValue?) -> JSONValue {
        if let given = data["dashboardUrl"], !given.isNull { return given }
        return context.dashboardLink(section: section, id: id).map(JSONValue.string) ?? .null
    }
}
