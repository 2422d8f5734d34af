import Lifecycle

extension JoinableThread {
    /// Starts one of the server's threads, reporting a failure as the server's error.
    static func startServerThread(name: String, _ body: @escaping @Sendable () -> Void) throws(HTTPServerError) -> JoinableThread {
        do {
            return try start(name: name, body)
        } catch {
            switch error {
            case .threadCreation(let errno): throw .threadCreation(errno: errno)
            }
        }
    }
}
