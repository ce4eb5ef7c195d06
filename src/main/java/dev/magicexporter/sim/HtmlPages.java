package dev.magicexporter.sim;

/** The HTML error pages a proxy in front of the API answers with, instead of JSON. */
final class HtmlPages {
  private HtmlPages() {}

  static String page(int status, String title) {
    return "<!DOCTYPE html>\n<html lang=\"en-US\"><head><title>api.cloudflare.com | " + status + ": " + title
        + "</title><meta charset=\"UTF-8\" /></head>\n<body><div id=\"cf-error-details\"><h1>Error " + status
        + "</h1><h2>" + title + "</h2><p>The web server reported an error. Please try again in a few minutes.</p>"
        + "</div></body></html>\n";
  }
}
