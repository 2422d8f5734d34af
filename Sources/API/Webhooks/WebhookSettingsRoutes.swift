import Foundation
import HTTPServer
import WebhookCore

/// `/api/v1/chatbots/{chatbotId}/webhook-settings`: the per-website settings form (seed 000's one endpoint URL and
/// optional secret, seed 001's URL and token for messages, escalations and leads) for dashboards that show one
/// simple form instead of a webhook list. Each slot is an ordinary webhook underneath; secrets are never shown back.
struct WebhookSettingsRoutes: Sendable {
    let environment: APIEnvironment
    private var management: WebhookManagement { WebhookManagement(environment: environment) }

    static let path = "/api/v1/chatbots/{chatbotId}/webhook-settings"

    func register(on routes: APIRouter) {
        routes.on(.get, Self.path, access: .authenticated(portal: .ownChatbot)) { _, context, auth in
            let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            return answer(chatbotId, try management.slots(auth, chatbotId: chatbotId), auth)
        }
        routes.on(.patch, Self.path, access: .writer(portal: .ownChatbot)) { request, context, auth in
            let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            let changes = try Self.changes(in: try Responses.body(request))
            return answer(chatbotId, try management.saveSlots(auth, chatbotId: chatbotId, changes: changes), auth)
        }
    }

    /// Reads the slots a PATCH body names, in the slots' order; absent slots stay as they are.
    static func changes(in body: JSONObject) throws(APIError) -> [(WebhookSlot, WebhookSlotChange)] {
        try body.rejectUnknownFields(Set(WebhookSlot.allCases.map(\.rawValue)))
        guard WebhookSlot.allCases.contains(where: { body.contains($0.rawValue) }) else {
            throw APIError(.badRequest, code: "invalid_body", message: "Name at least one slot: all, messages, escalations or leads.")
        }
        var changes: [(WebhookSlot, WebhookSlotChange)] = []
        for slot in WebhookSlot.allCases where body.contains(slot.rawValue) {
            guard let fields = try body.object(slot.rawValue) else {
                changes.append((slot, .clear))
                continue
            }
            try fields.rejectUnknownFields(Set(["url"] + slot.secretFieldNames))
            var given: [String] = []
            for name in slot.secretFieldNames {
                if let value = try fields.string(name, maxLength: 1_000) { given.append(value) }
            }
            if slot.secretFieldNames.filter({ fields.contains($0) }).count > 1 {
                throw APIError(.badRequest, code: "conflicting_fields", message: "Give the secret once: as secret or as token.",
                               field: "\(slot.rawValue).token")
            }
            let url = try fields.string("url", maxLength: 10_000) ?? ""
            if url.isEmpty, let secret = given.first, !(secret.isEmpty && !slot.requiresSecret) {
                // Removing the slot: a secret sent along is still checked, so bad input never passes silently.
                do {
                    _ = try slot.validatedSecret(secret, field: slot.secretFieldNames.last ?? "secret")
                } catch {
                    throw APIError(.unprocessableContent, code: error.code, message: error.message, field: error.field)
                }
            }
            changes.append((slot, url.isEmpty ? .clear : .set(url: url, secret: given.first)))
        }
        return changes
    }

    private func answer(_ chatbotId: UUID, _ slots: [WebhookSlot: Webhook], _ auth: AuthContext) -> HTTPResponse {
        var members: [(String, JSON.Value)] = [("chatbotId", .uuid(chatbotId))]
        for slot in WebhookSlot.allCases {
            guard let webhook = slots[slot] else {
                members.append((slot.rawValue, .null))
                continue
            }
            members.append((slot.rawValue, .object([
                ("url", .string(webhook.settings.url)),
                ("secretSet", .bool(webhook.settings.signatureScheme == SignatureScheme.token.rawValue)),
                ("status", .string(WebhookRepresentation.status(of: webhook, subscription: auth.subscription))),
                ("webhookId", .uuid(webhook.id)),
            ])))
        }
        return Responses.json(.ok, .object(members))
    }
}
