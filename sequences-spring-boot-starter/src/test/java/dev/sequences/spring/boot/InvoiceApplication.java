package dev.sequences.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The test application: Spring Boot's auto-configuration (DataSource, jOOQ, Flyway with the
 * application's own migration, and this starter) and one {@code @Transactional} service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({InvoiceService.class, AtCommitService.class})
public class InvoiceApplication {}
