// Unit `lfsr` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,load,seed,advance,word);
    
    // Module arguments
    input wire  clock;
    input wire  load;
    input wire  [31:0] seed;
    input wire  advance;
    output reg  [31:0] word;
    
    // Constant declarations
    localparam  taps_c = 32'h80200003;
    localparam  zero_c = 32'h0;
    localparam  one_c = 32'h1;
    
    // Stub signals
    reg  [31:0] state_q$d;
    wire  [31:0] state_q$q;
    reg  state_q$clock;
    
    // Local signals
    reg  [31:0] next_word;
    
    // Sub module instances
    top$state_q state_q(
        .d(state_q$d),
        .q(state_q$q),
        .clock(state_q$clock)
    );
    
    // Update code
    always @(*) begin
        state_q$clock = clock;
        state_q$d = state_q$q;
        if (state_q$q[32'h0]) begin
            next_word = (state_q$q >> 32'h1) ^ taps_c;
        end
        else begin
            next_word = state_q$q >> 32'h1;
        end
        word = next_word;
        if (load) begin
            if (seed == zero_c) begin
                state_q$d = one_c;
            end
            else begin
                state_q$d = seed;
            end
        end
        else if (advance) begin
            state_q$d = next_word;
        end
    end
    
endmodule // top


module top$state_q(d,q,clock);
    
    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$state_q
