internal import Logging

/// What every event loop of one server shares. Immutable apart from the connection counts.
struct ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let listener: ListeningSocket
    let workerPool: WorkerPool
    let admission: ConnectionAdmission
}
