import HTTPTypes
import Hummingbird
import NIOCore

/// Responses with a body and its content type.
enum Reply {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        make(status, text, type: "application/json")
    }

    static func make(_ status: HTTPResponse.Status, _ text: String, type: String) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
