package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * One connection's requests: collects each body, asks the {@link Routes} for the {@link Answer} and carries it
 * out on the connection's event loop. Waiting (latency, pacing, a hold) is a task scheduled on that loop, so a
 * call that waits costs no thread, and a cut or a hang-up simply closes the channel.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

    private final Routes routes;
    private final ObjectMapper json;

    private HttpRequest request;
    private ByteArrayOutputStream body;
    private boolean bodyTooLarge;

    ConnectionHandler(Routes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest head) {
                start(ctx, head);
            }
            if (message instanceof HttpContent content && request != null) {
                collect(content.content());
                if (content instanceof LastHttpContent) {
                    dispatch(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "connection failed", cause);
        ctx.close();
    }

    private void start(ChannelHandlerContext ctx, HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            request = null;
            PreparedAnswer error = PreparedAnswer.error(ApiError.invalidRequest(
                    "We could not parse your HTTP request: " + head.decoderResult().cause().getMessage(),
                    "invalid_http", null), json);
            ctx.writeAndFlush(fullResponse(error)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        request = head;
        body = new ByteArrayOutputStream();
        bodyTooLarge = false;
    }

    /** Keeps the body up to the limit; beyond it, reads on and throws it away so the answer can still be sent. */
    private void collect(ByteBuf content) {
        if (bodyTooLarge) {
            return;
        }
        int length = content.readableBytes();
        if (body.size() + length > JsonEndpoint.MAX_BODY_BYTES) {
            bodyTooLarge = true;
            body = new ByteArrayOutputStream();
            return;
        }
        byte[] bytes = new byte[length];
        content.readBytes(bytes);
        body.writeBytes(bytes);
    }

    private void dispatch(ChannelHandlerContext ctx) {
        HttpRequest head = request;
        byte[] bytes = body.toByteArray();
        request = null;
        body = null;
        String path = pathOf(head.uri());
        if (path == null) {
            carryOut(ctx, PreparedAnswer.error(ApiError.invalidRequest(
                    "The request target '" + head.uri() + "' is not a valid URI path.", "invalid_url", null), json));
            return;
        }
        carryOut(ctx, routes.answer(new HttpCall(head.method().name(), path, head.headers(), bytes, bodyTooLarge)));
    }

    /** The decoded path of a request target, or null when it has none or is no URI. */
    private static String pathOf(String target) {
        try {
            String path = new URI(target).getPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void carryOut(ChannelHandlerContext ctx, Answer answer) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (answer instanceof PreparedAnswer prepared) {
            ctx.writeAndFlush(fullResponse(prepared));
        } else if (answer instanceof DelayedAnswer delayed) {
            if (delayed.delayMs() == 0) {
                carryOut(ctx, delayed.answer());
            } else {
                ctx.executor().schedule(() -> carryOut(ctx, delayed.answer()), delayed.delayMs(),
                        TimeUnit.MILLISECONDS);
            }
        } else if (answer instanceof PacedAnswer paced) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, paced.contentType())
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.write(head);
            sendParts(ctx, paced, 0);
        } else if (answer instanceof HangUp hangUp) {
            ctx.executor().schedule(() -> ctx.close(), hangUp.holdMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends part {@code next} and the ones due right after it, then schedules the rest one interval later. */
    private void sendParts(ChannelHandlerContext ctx, PacedAnswer answer, int next) {
        if (!ctx.channel().isActive()) {
            return;
        }
        int part = next;
        while (true) {
            ByteBuf content = Unpooled.wrappedBuffer(answer.parts().get(part));
            if (part == answer.parts().size() - 1) {
                ctx.writeAndFlush(new DefaultLastHttpContent(content));
                return;
            }
            part++;
            if (part == answer.partsToSend()) {
                // Closing before the last chunk: the client sees the body end early, as when an upstream drops.
                ctx.writeAndFlush(new DefaultHttpContent(content)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (answer.intervalNanos() > 0) {
                ctx.writeAndFlush(new DefaultHttpContent(content));
                int following = part;
                ctx.executor().schedule(() -> sendParts(ctx, answer, following), answer.intervalNanos(),
                        TimeUnit.NANOSECONDS);
                return;
            }
            ctx.write(new DefaultHttpContent(content));
        }
    }

    private static FullHttpResponse fullResponse(PreparedAnswer answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach(response.headers()::set);
        if (answer.body().length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        if (answer.status() != HttpResponseStatus.NO_CONTENT.code()) {
            HttpUtil.setContentLength(response, answer.body().length);
        }
        return response;
    }
}
