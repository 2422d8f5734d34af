import HTTPServer
import Storage
import Tenancy
import WebhookCore

extension APIError {
    /// The answer for an error from a lower layer, or `nil` when it is a fault of ours (a 500).
    init?(mapping error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as TenancyError:
            switch error {
            case .invalid(let field, let message):
                self = APIError(.unprocessableContent, code: "invalid_field", message: message, field: field)
            case .emailTaken:
                self = APIError(.conflict, code: "email_taken", message: "This email is already in use.", field: "email")
            case .tenantNotFound:
                self = APIError.notFound("Tenant")
            case .invalidCredentials:
                self = APIError(.unauthorized, code: "invalid_credentials", message: "Wrong email or password.")
            case .rateLimited(let retryAfter):
                self = APIError(.tooManyRequests, code: "rate_limited",
                                message: "Too many login attempts; try again in \(retryAfter) seconds.",
                                headers: [("Retry-After", String(retryAfter))])
            }
        case let error as WebhookValidationError:
            let status: HTTPStatus = error.code == "plan_limit_exceeded" ? .paymentRequired : .unprocessableContent
            self = APIError(status, code: error.code, message: error.message, field: error.field)
        case let error as StorageError:
            switch error {
            case .unavailable:
                self = APIError(.serviceUnavailable, code: "database_unavailable",
                                message: "The database is unavailable; try again shortly.", headers: [("Retry-After", "1")])
            case .conflict:
                self = APIError(.conflict, code: "conflict", message: "This conflicts with an existing resource.")
            case .missingReference:
                self = APIError.notFound("Referenced resource")
            case .corrupt, .database:
                return nil
            }
        default:
            return nil
        }
    }
}
