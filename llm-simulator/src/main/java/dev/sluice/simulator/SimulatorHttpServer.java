package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's HTTP/1.1 server, on Netty: a few event loop threads serve every connection, and every wait is
 * a task scheduled on a loop, so thousands of slow calls or paced streams cost their open connections and
 * nothing more. Netty rather than the JDK's server because a simulated drop must close a connection midway
 * through a chunked body, which the JDK's server cannot do without keeping the dropped connection in its books.
 */
final class SimulatorHttpServer implements AutoCloseable {

    /** Room for bursts of connections (a load test opens thousands at once) before the kernel refuses them. */
    private static final int ACCEPT_BACKLOG = 4096;

    private final EventLoopGroup loops;
    private final Channel listener;

    private SimulatorHttpServer(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /**
     * Listens on {@code host:port} and serves every request through {@code routes}.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    static SimulatorHttpServer start(String host, int port, Routes routes, ObjectMapper json) {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("llm-sim-io", true),
                NioIoHandler.newFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                // Without it, a small answer written after its headers can wait for the client's delayed ACK.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new ConnectionHandler(routes, json));
                    }
                })
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Throwable cause = bound.cause();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port,
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        return new SimulatorHttpServer(loops, bound.channel());
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops listening and closes every connection, whatever it was waiting for. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
