extension EventType {
    /// The canonical `data` for an event published under `name` (a canonical name or any alias) with `data` in the shape of the document that name comes from; canonical names pass through unchanged.
    ///
    /// A seed's own example, published under that seed's event name, becomes the catalogue's shape: seed 001's
    /// `NEW_LEAD_CAPTURE` lead is lifted out of `leadDetails` (its other members become `customFields`,
    /// `capturedAt` becomes `createdAt`), `ADD_MESSAGE`'s `question`/`answer` become `body`, `sender_type` and
    /// `inReplyTo`, `threadId` becomes `conversation_id`; seed 002's `message.received` `content`/`is_from_admin`/
    /// `admin_name` become `body`/`sender_type`/`agentName`; seed 003's `conversation.closed` becomes
    /// `conversation`; seed 001's and seed 004's `chatbotId` is dropped (every format writes the chatbot the
    /// event was published to). Names whose documents already use the catalogue's shape, unknown names and
    /// `data` that is not an object pass through unchanged; members not named here always pass through.
    public static func canonicalData(publishedAs name: String, data: JSONValue) -> JSONValue {
        guard case .object = data else { return data }
        let seed = SeedShape(data: data)
        return switch name {
        case "NEW_LEAD_CAPTURE": seed.sitegptLead
        case "ADD_MESSAGE": seed.sitegptMessage
        case "CONVERSATION_ESCALATED": seed.sitegptEscalation
        case "LEAD_CREATED", "LEAD_UPDATED": seed.without(["chatbotId"])
        case "message.received": seed.livechatMessage
        case "conversation.closed": seed.agentbotClosing
        default: data
        }
    }
}

/// A seed document's `data`, read into the catalogue's shape (see `EventType.canonicalData(publishedAs:data:)`).
private struct SeedShape {
    let data: JSONValue

    var sitegptLead: JSONValue {
        guard case .object(let detailMembers)? = data["leadDetails"] else { return without(["chatbotId"]) }
        let contact: Set<String> = ["id", "name", "email", "phone", "capturedAt"]
        var lead = MemberList()
        for key in ["id", "name", "email", "phone"] {
            if let value = data["leadDetails"]?[key] { lead.set(key, value) }
        }
        var customFields = MemberList()
        customFields.addMembers(of: data["customFields"])
        customFields.addMembers(of: .object(detailMembers), excluding: contact)
        if customFields.object != .object([]) { lead.set("customFields", customFields.object) }
        lead.addMembers(of: data, excluding: ["chatbotId", "leadDetails", "customFields", "createdAt"])
        if let capturedAt = data["leadDetails"]?["capturedAt"] ?? data["createdAt"] { lead.set("createdAt", capturedAt) }
        return lead.object
    }

    var sitegptMessage: JSONValue {
        let question = data["question"] ?? .null
        let answer = data["answer"] ?? .null
        var message = MemberList()
        move("threadId", to: "conversation_id", into: &message)
        if !answer.isNull {
            let byAgent = ["agentId", "agentName"].contains { key in data[key].map { !$0.isNull } ?? false }
            message.set("sender_type", byAgent ? "agent" : "ai")
            message.set("body", answer)
            message.set("inReplyTo", question)
        } else {
            let bySystem = data["systemMessageType"].map { !$0.isNull } ?? false
            message.set("sender_type", bySystem ? "system" : "visitor")
            message.set("body", question)
        }
        message.addMembers(of: data, excluding: ["chatbotId", "threadId", "question", "answer"])
        return message.object
    }

    var sitegptEscalation: JSONValue {
        var escalation = MemberList()
        move("threadId", to: "conversation_id", into: &escalation)
        escalation.addMembers(of: data, excluding: ["chatbotId", "threadId"])
        return escalation.object
    }

    var livechatMessage: JSONValue {
        var message = MemberList()
        for key in ["message_id", "conversation_id"] {
            if let value = data[key] { message.set(key, value) }
        }
        let byAdmin = data["is_from_admin"] == .bool(true)
        message.set("sender_type", byAdmin ? "agent" : "visitor")
        if let content = data["content"] { message.set("body", content) }
        if byAdmin, let name = data["admin_name"] { message.set("agentName", name) }
        message.addMembers(of: data, excluding: ["content", "is_from_admin", "admin_name"])
        return message.object
    }

    var agentbotClosing: JSONValue {
        guard data["conversation"] == nil, let id = data["conversation_id"] else { return data }
        var conversation = MemberList()
        conversation.set("id", id)
        if let closedAt = data["closed_at"] { conversation.set("endedAt", closedAt) }
        conversation.set("outcome", "resolved")
        var closing = MemberList()
        closing.set("conversation", conversation.object)
        closing.addMembers(of: data, excluding: ["conversation_id", "status", "closed_at"])
        return closing.object
    }

    /// `data` without `keys`.
    func without(_ keys: Set<String>) -> JSONValue {
        var list = MemberList()
        list.addMembers(of: data, excluding: keys)
        return list.object
    }

    /// Sets `target` to `data[source]` (or to `data[target]` when the producer sent that instead).
    private func move(_ source: String, to target: String, into list: inout MemberList) {
        if let value = data[target] ?? data[source] { list.set(target, value) }
    }
}
