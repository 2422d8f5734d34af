extension PayloadContext {
    /// `<dashboard>/<chatbotId>/<section>/<id>` (seed 001's link form, each id one percent-encoded path segment),
    /// or `nil` without a deployment dashboard or an id.
    func dashboardLink(section: String, id: JSONValue?) -> String? {
        guard let dashboard = dashboardURL, !dashboard.isEmpty, let id = id?.idText else { return nil }
        let base = dashboard.hasSuffix("/") ? String(dashboard.dropLast()) : dashboard
        return [base, Self.pathSegment(chatbotId), section, Self.pathSegment(id)].joined(separator: "/")
    }

    /// Where the event's subject is in the dashboard: the producer's `dashboardUrl`, else a lead's page or a
    /// conversation's history, else the dashboard itself (chat messages link there).
    func subjectLink(for type: EventType, data: JSONValue) -> String? {
        if let given = data["dashboardUrl"]?.stringValue { return given }
        let link: String? = if type.name.hasPrefix("lead.") {
            dashboardLink(section: "leads", id: data["id"])
        } else if type.name.hasPrefix("conversation.") || type.name == "message.created" {
            dashboardLink(section: "chat-history", id: data["conversation_id"] ?? data["conversation"]?["id"])
        } else {
            nil
        }
        return link ?? dashboardURL
    }

    /// `text` percent-encoded as one URL path segment (RFC 3986 unreserved characters kept).
    private static func pathSegment(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
