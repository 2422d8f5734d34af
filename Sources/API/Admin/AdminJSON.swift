import Foundation
import WebhookCore

/// The JSON shapes and body reads of the provisioning endpoints.
enum AdminJSON {
    /// A tenant with its billing state: `{"id", "name", "createdAt", "plan", "webhooksAddon", "features", "limits"}`.
    static func tenant(_ tenant: Tenant) -> JSON.Value {
        var object = BillingJSON.subscription(tenant.subscription)
        object["id"] = .uuid(tenant.id)
        object["name"] = .string(tenant.name)
        object["createdAt"] = .date(tenant.createdAt)
        return .object(object)
    }

    /// A user: `{"id", "tenantId", "email", "role", "createdAt"}`.
    static func user(_ user: User) -> JSON.Value {
        [
            "id": .uuid(user.id),
            "tenantId": .uuid(user.tenantId),
            "email": .string(user.email),
            "role": .string(user.role.rawValue),
            "createdAt": .date(user.createdAt),
        ]
    }

    /// A chatbot as the admin endpoints show it: the tenant's representation plus `tenantId`.
    static func chatbot(_ chatbot: Chatbot) -> JSON.Value {
        var object = ChatbotJSON.members(chatbot)
        object["tenantId"] = .uuid(chatbot.tenantId)
        return .object(object)
    }

    /// An enumerated string field: `nil` when absent, 422 `invalid_field` naming `field` when not one of the values.
    static func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, field: String)
        throws(APIError) -> T? where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.unprocessableContent, code: "invalid_field", message: "Must be one of: \(allowed).", field: field)
        }
        return value
    }

    /// The plan field `plan` of `body`, required or defaulting to `free`.
    static func plan(in body: JSONObject, required: Bool) throws(APIError) -> Plan {
        let plan = try enumeration(Plan.self, body.string("plan", maxLength: 100), field: "plan")
        if required { return try body.require("plan", plan) }
        return plan ?? .free
    }

    /// The optional `webhooksAddon` object of `body` (`{"status", "interval"?}`); absent or `null` is no add-on.
    /// `interval` is required when `status` is `active`.
    static func addon(in body: JSONObject) throws(APIError) -> WebhooksAddon {
        guard let addon = try body.object("webhooksAddon") else { return WebhooksAddon(status: .none, interval: nil) }
        try addon.rejectUnknownFields(["status", "interval"])
        let status = try addon.require("status", enumeration(WebhooksAddon.Status.self,
                                                             addon.string("status", maxLength: 100),
                                                             field: "webhooksAddon.status"))
        let interval = try enumeration(WebhooksAddon.Interval.self, addon.string("interval", maxLength: 100),
                                       field: "webhooksAddon.interval")
        if status == .active && interval == nil {
            throw APIError(.unprocessableContent, code: "invalid_field",
                           message: "Required when the add-on is active: month or year.", field: "webhooksAddon.interval")
        }
        return WebhooksAddon(status: status, interval: interval)
    }
}
