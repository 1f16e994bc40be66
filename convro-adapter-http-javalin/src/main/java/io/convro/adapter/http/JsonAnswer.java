package io.convro.adapter.http;

/** A finished REST answer: its status and its JSON body ({@code application/json}, UTF-8). */
public record JsonAnswer(int status, byte[] body) {
}
