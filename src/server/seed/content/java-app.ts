/**
 * The orders service on the ECS app hosts: a Spring Boot 3 application logging in Boot's default
 * pattern. Errors carry their stack trace in the same event, with newlines in the content, the
 * way ICAgent's multi-line collection stores them in LTS.
 */
import type { NewLogLine } from '../../storage/ports.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { isoTime } from './format.ts';
import { APP_HOSTS, hostLabels, type Host, type LineGenerator } from './hosts.ts';

const PATH = '/opt/orders-service/logs/orders-service.log';
const APP = 'orders-service';

const LOGGERS = {
  order: 'd.n.orders.web.OrderController',
  payment: 'd.n.orders.payment.PaymentClient',
  stock: 'd.n.orders.stock.StockService',
  mail: 'd.n.orders.mail.ConfirmationMailer',
  repo: 'd.n.orders.repository.OrderRepository',
  hikari: 'com.zaxxer.hikari.pool.HikariPool',
  dispatcher: 'o.s.web.servlet.DispatcherServlet',
  handler: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]',
} as const;

const SKUS = ['NW-TZ-2P-GRN', 'NW-DP-28-BLK', 'NW-SS-M5-RED', 'NW-HS-H-L-BLU', 'NW-WS-GTX-43', 'NW-GK-MINI', 'NW-SL-400'];

const STACK_DB =
  'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection; nested exception is org.hibernate.exception.JDBCConnectionException\n' +
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)\n' +
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)\n' +
  '\tat org.springframework.dao.support.PersistenceExceptionTranslationInterceptor.invoke(PersistenceExceptionTranslationInterceptor.java:152)\n' +
  '\tat de.nordwind.orders.repository.OrderRepository$$SpringCGLIB$$0.findByCustomerId(<generated>)\n' +
  '\tat de.nordwind.orders.web.OrderController.list(OrderController.java:88)\n' +
  '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n' +
  '\t... 48 common frames omitted\n' +
  'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0, waiting=14)\n' +
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)\n' +
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)\n' +
  '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)\n' +
  '\t... 61 common frames omitted';

const STACK_PAYMENT =
  'org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://api.payments.example/v2/authorizations": Read timed out\n' +
  '\tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:915)\n' +
  '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:895)\n' +
  '\tat org.springframework.web.client.RestTemplate.postForEntity(RestTemplate.java:527)\n' +
  '\tat de.nordwind.orders.payment.PaymentClient.authorize(PaymentClient.java:64)\n' +
  '\tat de.nordwind.orders.checkout.CheckoutService.placeOrder(CheckoutService.java:112)\n' +
  '\tat de.nordwind.orders.web.CheckoutController.checkout(CheckoutController.java:47)\n' +
  'Caused by: java.net.SocketTimeoutException: Read timed out\n' +
  '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n' +
  '\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n' +
  '\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n' +
  '\t... 37 common frames omitted';

const STACK_NPE =
  'java.lang.NullPointerException: Cannot invoke "de.nordwind.orders.model.Address.getCountryCode()" because the return value of "de.nordwind.orders.model.Customer.getShippingAddress()" is null\n' +
  '\tat de.nordwind.orders.shipping.ShippingCostCalculator.calculate(ShippingCostCalculator.java:41)\n' +
  '\tat de.nordwind.orders.checkout.CheckoutService.quote(CheckoutService.java:76)\n' +
  '\tat de.nordwind.orders.web.CheckoutController.quote(CheckoutController.java:35)\n' +
  '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n' +
  '\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)\n' +
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n' +
  '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)\n' +
  '\t... 42 common frames omitted';

export function javaLine(time: number, host: Host, pid: number, level: Level, thread: string, logger: string, message: string): NewLogLine {
  const content = `${isoTime(time)} ${level.padStart(5)} ${pid} --- [${APP}] [${thread.padStart(15)}] ${logger.padEnd(40)} : ${message}`;
  return { time, content, labels: hostLabels(host, PATH, APP, level) };
}

export const STACK_TRACES = { db: STACK_DB, payment: STACK_PAYMENT, npe: STACK_NPE } as const;

export function createJavaAppGenerator(rng: Rng): LineGenerator {
  const pids = new Map(APP_HOSTS.map((h) => [h.name, rng.int(900, 4000)]));
  let orderId = rng.int(480_000, 520_000);
  return (time, level) => {
    const host = rng.pick(APP_HOSTS);
    const pid = pids.get(host.name) ?? 1;
    // Request handling runs on Tomcat's exec threads; the pool and the mailer have their own.
    const threadOf = (logger: string) =>
      logger === LOGGERS.hikari ? 'HikariPool-1 housekeeper' : logger === LOGGERS.mail ? `task-${rng.int(1, 8)}` : `nio-8080-exec-${rng.int(1, 40)}`;
    const line = (logger: string, message: string) => javaLine(time, host, pid, level, threadOf(logger), logger, message);
    const r = rng.next();
    const customer = rng.int(10_000, 99_999);
    switch (level) {
      case 'INFO': {
        if (r < 0.3) return line(LOGGERS.order, `Created order ${++orderId} for customer ${customer} (${rng.int(1, 6)} items, ${(rng.skewed(90, 0.6)).toFixed(2)} EUR)`);
        if (r < 0.5) return line(LOGGERS.payment, `Payment authorized for order ${orderId - rng.int(0, 5)} via ${rng.pick(['card', 'paypal', 'sepa', 'klarna'])} in ${rng.int(180, 900)} ms`);
        if (r < 0.7) return line(LOGGERS.stock, `Reserved stock for ${rng.pick(SKUS)} (qty ${rng.int(1, 3)}), remaining ${rng.int(3, 400)}`);
        if (r < 0.85) return line(LOGGERS.mail, `Sent order confirmation for order ${orderId - rng.int(0, 20)} to customer ${customer}`);
        return line(LOGGERS.order, `GET /api/v1/orders/${orderId - rng.int(0, 5000)} completed 200 in ${rng.int(8, 120)} ms`);
      }
      case 'WARN': {
        if (r < 0.35) return line(LOGGERS.repo, `Slow query (${rng.int(1_000, 6_000)} ms): select o1_0.id,o1_0.status,o1_0.total from orders o1_0 where o1_0.customer_id=? order by o1_0.created_at desc`);
        if (r < 0.6) return line(LOGGERS.payment, `Payment provider answered 503, retry ${rng.int(1, 3)}/3 for order ${orderId}`);
        if (r < 0.8) return line(LOGGERS.stock, `Stock low for ${rng.pick(SKUS)}: ${rng.int(0, 4)} left`);
        return line(LOGGERS.hikari, `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(45, 90)}s${rng.int(100, 999)}ms).`);
      }
      case 'ERROR': {
        if (r < 0.4) return line(LOGGERS.handler, `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${STACK_DB.split('\n')[0]}] with root cause\n${STACK_DB}`);
        if (r < 0.75) return line(LOGGERS.payment, `Payment authorization failed for order ${orderId}\n${STACK_PAYMENT}`);
        return line(LOGGERS.handler, `Servlet.service() for servlet [dispatcherServlet] threw exception\n${STACK_NPE}`);
      }
      case 'DEBUG': {
        if (r < 0.5) return line(LOGGERS.dispatcher, `Completed 200 OK, headers={masked}`);
        return line(LOGGERS.stock, `Cache hit for product ${rng.pick(SKUS)} (age ${rng.int(1, 300)} s)`);
      }
    }
  };
}
