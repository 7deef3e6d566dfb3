/// The `.partialV4` behaviour: part of the v4 API, answered the way such servers answer.
extension FaultServer {
    func answerAsPartialV4(_ line: String, on descriptor: Int32) -> Bool {
        let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let json = "application/json"
        switch target {
        case _ where target.contains("_page=") || target.contains("_limit="):
            return respond(descriptor, 400, json, #"{"code":108}"#)
        case "/api/v4/nodes":
            return respond(descriptor, 200, json, #"{"code":0,"data":[{"node":"relay@10.0.0.5","version":"4.4.0"}]}"#)
        case "/api/v4/clients":
            return respond(
                descriptor, 200, json,
                #"{"code":0,"data":[{"client_id":"meter-1","username":"m"},{"client_id":"meter-2","username":"m"}]}"#)
        case "/api/v4/auth_username":
            // The request's body is left unread: answer, and close so it is never taken for the next request.
            _ = respond(descriptor, 200, json, #"{"code":113}"#)
            return false
        default:
            _ = respond(descriptor, 404, json, #"{"code":102}"#)
            return !line.hasPrefix("POST") && !line.hasPrefix("PUT")
        }
    }
}
