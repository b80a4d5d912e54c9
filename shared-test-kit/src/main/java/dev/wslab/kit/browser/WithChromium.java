package dev.wslab.kit.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh {@link com.microsoft.playwright.Page} in the system Chromium.
 * Declare a {@code Page} parameter to receive it; when the test fails, the page's console
 * output and a screenshot under {@code target/browser/} are reported.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ChromiumExtension.class)
public @interface WithChromium {

}
