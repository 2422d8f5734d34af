import Foundation
import HTTPServer
import WebhookCore

/// `/api/v1/chatbots/{chatbotId}/webhooks`: list, create, get, PATCH, PUT, delete, rotate-secret.
struct WebhookRoutes: Sendable {
    let environment: APIEnvironment
    private var management: WebhookManagement { WebhookManagement(environment: environment) }

    static let collection = "/api/v1/chatbots/{chatbotId}/webhooks"
    static let item = collection + "/{webhookId}"

    func register(on routes: APIRouter) {
        // The list is what a dashboard polls: when the caller and the list are both in the read cache, it is
        // answered on the event loop without a thread hand-off.
        routes.on(.get, Self.collection, access: .authenticated(portal: .ownChatbot), answerFromCache: { _, context, auth in
            guard let chatbotId = try? chatbotId(context), let list = management.cachedList(auth, chatbotId: chatbotId)
            else { return nil }
            return listResponse(list, auth)
        }) { _, context, auth in
            listResponse(try management.list(auth, chatbotId: try chatbotId(context)), auth)
        }
        routes.on(.post, Self.collection, access: .writer(portal: .ownChatbot)) { request, context, auth in
            let input = try WebhookInputDecoder.decode(try Responses.body(request))
            let (webhook, secret) = try management.create(auth, chatbotId: try chatbotId(context), input: input)
            return Responses.json(.created, [
                "message": "Webhook created successfully",
                "webhook": WebhookRepresentation.json(webhook, subscription: auth.subscription,
                                                      secret: WebhookManagement.shownOnce(secret)),
                "security": security(webhook),
            ])
        }
        routes.on(.get, Self.item, access: .authenticated(portal: .ownChatbot)) { _, context, auth in
            let webhook = try management.get(auth, chatbotId: try chatbotId(context), id: try webhookId(context))
            return Responses.json(.ok, ["webhook": WebhookRepresentation.json(webhook, subscription: auth.subscription)])
        }
        for (method, replace) in [(HTTPMethod.patch, false), (.put, true)] {
            routes.on(method, Self.item, access: .writer(portal: .ownChatbot)) { request, context, auth in
                let input = try WebhookInputDecoder.decode(try Responses.body(request))
                let (webhook, generated) = try management.update(
                    auth, chatbotId: try chatbotId(context), id: try webhookId(context), input: input, replace: replace)
                let shown = WebhookManagement.shownOnce(generated)
                return Responses.json(.ok, [
                    "message": .string(generated == nil ? "Webhook updated successfully"
                        : shown == nil ? "Webhook updated; it now signs with a new key pair: receivers verify with publicKey"
                        : "Webhook updated; it now signs with a new secret, shown in this answer only: store it"),
                    "webhook": WebhookRepresentation.json(webhook, subscription: auth.subscription, secret: shown),
                ])
            }
        }
        routes.on(.delete, Self.item, access: .writer(portal: .ownChatbot)) { _, context, auth in
            try management.delete(auth, chatbotId: try chatbotId(context), id: try webhookId(context))
            return Responses.json(.ok, ["message": "Webhook deleted successfully"])
        }
        routes.on(.post, Self.item + "/rotate-secret", access: .writer(portal: .ownChatbot)) { request, context, auth in
            var chosen: String?
            var graceHours: Int?
            if !request.body.isEmpty {
                let body = try Responses.body(request)
                try body.rejectUnknownFields(["secret", "gracePeriodHours"])
                chosen = try body.string("secret", maxLength: 1_000)
                graceHours = try body.integer("gracePeriodHours")
                if let hours = graceHours, !(0...168).contains(hours) {
                    throw APIError(.unprocessableContent, code: "invalid_field", message: "Must be from 0 to 168 hours.",
                                   field: "gracePeriodHours")
                }
            }
            let grace = graceHours.map { TimeInterval($0) * 3600 } ?? WebhookManagement.defaultRotationGrace
            let (webhook, secret) = try management.rotate(auth, chatbotId: try chatbotId(context), id: try webhookId(context),
                                                          secret: chosen, grace: grace)
            let shown = WebhookManagement.shownOnce(secret)
            return Responses.json(.ok, [
                "message": .string(shown == nil
                    ? "Key pair rotated; the previous key keeps signing until previousSecretExpiresAt"
                    : "Secret rotated; the previous secret keeps signing until previousSecretExpiresAt"),
                "webhook": WebhookRepresentation.json(webhook, subscription: auth.subscription, secret: shown),
                "security": security(webhook),
            ])
        }
    }

    private func listResponse(_ list: WebhookList, _ auth: AuthContext) -> HTTPResponse {
        // The list's body is encoded when it is loaded (see WebhookList), not per answer.
        HTTPResponse.json(.ok, bytes: list.body(for: auth.subscription))
    }

    private func chatbotId(_ context: RequestContext) throws(APIError) -> UUID {
        try Responses.id(context, "chatbotId", notFound: "Chatbot")
    }

    private func webhookId(_ context: RequestContext) throws(APIError) -> UUID {
        try Responses.id(context, "webhookId", notFound: "Webhook")
    }

    /// Seed 004's `security` block: how to verify, shown with the secret.
    private func security(_ webhook: Webhook) -> JSON.Value {
        let scheme = SignatureScheme(rawValue: webhook.settings.signatureScheme) ?? .standard
        let format = webhook.settings.payloadFormat
        let description = scheme.securityDescription(headerPrefix: format.headerPrefix(deployment: environment.headerPrefix))
        return [
            "note": .string(scheme.isAsymmetric
                ? "Verify with publicKey (shown on every read); the private key never leaves the service."
                : "Store the secret securely. It will not be shown again."),
            "headerName": .string(format.spelling(ofHeader: description.headerName)),
            "format": .string(description.format),
        ]
    }
}
