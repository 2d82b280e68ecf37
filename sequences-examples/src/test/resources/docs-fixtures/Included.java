package fixture;

/** Shown in good.md and in bad.md. */
public class Included {
  static final int ANSWER = 42;
}
