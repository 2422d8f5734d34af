import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// `GET/POST /api/v1/chatbots`, `GET /api/v1/chatbots/{chatbotId}`: the caller's tenant's chatbots.
///
/// Any authenticated caller (session or API key) may read; creating needs a role that may write. A portal session
/// reads its own chatbot only. Another tenant's
/// chatbot id, a malformed id and an unknown id all answer the same 404.
struct ChatbotRoutes: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        // A portal session sees its own chatbot only.
        routes.on(.get, "/api/v1/chatbots", access: .authenticated(portal: .allowed)) { _, _, caller in
            let chatbots = try environment.database.read { try $0.chatbots.list(tenantId: caller.tenantId) }
                .filter { chatbot in caller.portal.map { $0.chatbotId == chatbot.id } ?? true }
            return Responses.json(.ok, ["chatbots": .array(chatbots.map(ChatbotJSON.json)), "total": .int(chatbots.count)])
        }
        routes.on(.post, "/api/v1/chatbots", access: .writer) { request, _, caller in
            let name = try ChatbotJSON.name(from: Responses.body(request))
            let chatbot = try environment.provisioning.createChatbot(tenantId: caller.tenantId, name: name)
            return Self.created(chatbot)
        }
        routes.on(.get, "/api/v1/chatbots/{chatbotId}", access: .authenticated(portal: .ownChatbot)) { _, context, caller in
            let id = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            guard let chatbot = try environment.database.read({ try $0.chatbots.find(tenantId: caller.tenantId, id: id) })
            else { throw APIError.notFound("Chatbot") }
            return Responses.json(.ok, ChatbotJSON.json(chatbot))
        }
    }

    /// 201 with the chatbot and its `Location`.
    static func created(_ chatbot: Chatbot) -> HTTPResponse {
        var response = Responses.json(.created, ChatbotJSON.json(chatbot))
        response.headers.set(name: "Location", value: "/api/v1/chatbots/\(chatbot.id.uuidString.lowercased())")
        return response
    }
}
