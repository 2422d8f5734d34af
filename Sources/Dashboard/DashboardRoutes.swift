public import HTTPServer

/// The dashboard's pages: `GET /` leads to `/dashboard/`, whose files are embedded in the binary.
///
/// Every path under `/dashboard/` outside `assets/` answers `index.html`, whose JavaScript shows the view the path
/// names (client-side routing), so a link to any view opens it. Files under `/dashboard/assets/` answer as
/// themselves, or 404 so a missing script never receives HTML. Every answer carries the security headers of
/// ``DashboardRoutes/securityHeaders``.
public struct DashboardRoutes: Sendable {
    /// The path every dashboard URL starts with.
    public static let prefix = "/dashboard"

    /// The deepest view path (`chatbots/{id}/webhooks/{id}/deliveries/{id}` is six segments) with room to grow;
    /// the router has no wildcard, so each depth is one route.
    static let maximumDepth = 8

    /// No script, style, image or connection from anywhere but the service, no inline script or style, no framing.
    public static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'"

    private let assets: [String: DashboardAsset]

    /// Creates the routes over the embedded files.
    public init() {
        assets = Dictionary(uniqueKeysWithValues: EmbeddedAssets.files.map { path, text in
            (path, DashboardAsset(path: path, text: text))
        })
    }

    /// Registers `GET /` and `GET /dashboard/...` (HEAD follows GET). They never block, so they run on the event loop.
    public func register(on router: Router) {
        router.get("/", runsOnEventLoop: true) { _, _ in
            HTTPResponse(status: .found, headers: ["Location": "\(Self.prefix)/", "Cache-Control": "no-cache"])
        }
        var pattern = Self.prefix
        for depth in 0...Self.maximumDepth {
            router.get(pattern, runsOnEventLoop: true) { request, _ in self.respond(to: request) }
            pattern += "/{p\(depth)}"
        }
    }

    /// The answer to `GET request.path` under `/dashboard`.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst()
        // The path is already percent-decoded: `..`, `.` or an encoded slash or backslash is never a dashboard file.
        let target = request.rawTarget.prefix { $0 != "?" }.lowercased()
        guard segments.allSatisfy({ $0 != ".." && $0 != "." && !$0.contains("\\") }),
              !target.contains("%2f"), !target.contains("%5c")
        else {
            return Self.withSecurityHeaders(.error(.badRequest, code: "invalid_path", message: "Not a dashboard path."))
        }
        if segments.first == "assets" {
            guard let asset = assets[segments.dropFirst().joined(separator: "/")] else {
                return Self.withSecurityHeaders(.error(.notFound, code: "not_found", message: "No dashboard file here."))
            }
            return answer(asset, request: request)
        }
        guard let index = assets["index.html"] else {
            return Self.withSecurityHeaders(.error(.notFound, code: "not_found", message: "No dashboard built in."))
        }
        return answer(index, request: request)
    }

    /// The asset, or 304 when the client's copy is current. `no-cache`: the browser may keep a copy but asks each
    /// time, so a new version of the service is never mixed with an old script; the ETag makes asking cheap.
    private func answer(_ asset: DashboardAsset, request: HTTPRequest) -> HTTPResponse {
        var headers: HTTPHeaders = ["ETag": asset.entityTag, "Cache-Control": "no-cache"]
        let clientTags = request.headers.values(for: "If-None-Match").flatMap { $0.split(separator: ",") }
            .map { tag in String(tag.filter { $0 != " " && $0 != "\t" }) }
        // If-None-Match compares weakly (RFC 9110 §13.1.2), so `W/"tag"` matches too.
        if clientTags.contains(where: { $0 == asset.entityTag || $0 == "W/" + asset.entityTag || $0 == "*" }) {
            return Self.withSecurityHeaders(HTTPResponse(status: .notModified, headers: headers))
        }
        headers.add(name: "Content-Type", value: asset.contentType)
        return Self.withSecurityHeaders(HTTPResponse(status: .ok, headers: headers, body: asset.body))
    }

    /// Adds the headers every dashboard answer carries.
    static func withSecurityHeaders(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.set(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.set(name: "X-Frame-Options", value: "DENY")
        response.headers.set(name: "Referrer-Policy", value: "same-origin")
        return response
    }
}
