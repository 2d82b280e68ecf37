package dev.sequences.examples.boot;

import dev.sequences.jooq.GaplessSequence;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Boot application with sequences-spring-boot-starter: the starter migrates the counter
 * table at start-up; Boot's DSLContext runs in the @Transactional methods' transactions.
 */
@SpringBootApplication
public class InvoicesApplication {

  @Service
  public static class Invoices {
    static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

    private final DSLContext dsl;

    public Invoices(DSLContext dsl) {
      this.dsl = dsl;
    }

    @Transactional
    public long issue(long totalCents) {
      long number = INVOICES.nextValue(dsl); // joins the Spring transaction
      dsl.execute("insert into invoice (number, total_cents) values (?, ?)", number, totalCents);
      if (totalCents < 0) {
        throw new IllegalArgumentException("a negative total; number " + number + " is given back");
      }
      return number;
    }
  }

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(InvoicesApplication.class);
    application.setDefaultProperties(
        Map.of(
            "spring.datasource.url", "jdbc:h2:mem:invoices;DB_CLOSE_DELAY=-1",
            "spring.main.banner-mode", "off",
            "logging.level.root", "off"));
    try (ConfigurableApplicationContext context = application.run(args)) {
      context
          .getBean(DSLContext.class)
          .execute("create table invoice (number bigint primary key, total_cents bigint)");
      Invoices invoices = context.getBean(Invoices.class);
      System.out.println("invoice " + invoices.issue(12_000));
      try {
        invoices.issue(-100);
      } catch (IllegalArgumentException rolledBack) {
        System.out.println("rolled back: " + rolledBack.getMessage());
      }
      System.out.println("invoice " + invoices.issue(7_550));
    }
  }
}
